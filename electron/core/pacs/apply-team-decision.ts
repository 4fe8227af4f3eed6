import type Database from 'better-sqlite3';
import { ReviewSchema, type Review } from '@shared/worklist/review';
import { writeReceivedReview, type ReceivedFrom } from '../lesions/received-records';
import { derivedUuid } from './team-identity';

// A decision received from another workstation is known by where it comes from (its document: the
// publishing workstation and the decision's id there), never by its id alone: ids are made by each
// workstation (or given by a client), and two workstations restored from one backup share them. A
// decision whose id another decision here holds is stored under an id made from its origin, beside it.

/** Whether this decision (by its document) is stored here already, or waits for its lesion. */
export function decisionHere(db: Database.Database, documentKey: string): 'known' | 'pending' | null {
  if (db.prepare('SELECT 1 FROM reviews WHERE origin = ?').get(documentKey)) return 'known';
  return db.prepare('SELECT 1 FROM pending_reviews WHERE document_key = ?').get(documentKey) ? 'pending' : null;
}

/** The decision as stored here: under its own id, or, when another decision here (stored or waiting) holds that id, under one made from its origin. */
export function decisionAsStored(db: Database.Database, review: Review, documentKey: string): Review {
  const taken = db.prepare('SELECT 1 FROM reviews WHERE id = ? UNION ALL SELECT 1 FROM pending_reviews WHERE review_id = ?').get(review.id, review.id);
  return taken ? { ...review, id: derivedUuid('received-decision', documentKey) } : review;
}

/** Keeps a decision received before its lesion until the lesion comes. */
export function keepPendingDecision(db: Database.Database, review: Review, documentKey: string): void {
  db.prepare('INSERT OR IGNORE INTO pending_reviews (review_id, lesion_id, document_key, record, received_at) VALUES (?, ?, ?, ?, ?)').run(
    review.id, review.lesionId, documentKey, JSON.stringify(review), new Date().toISOString(),
  );
}

/** Decisions received before their lesion, stored now that it is here; how many. */
export function applyPendingDecisions(db: Database.Database): number {
  const pending = db.prepare('SELECT p.review_id, p.document_key, p.record, d.workstation FROM pending_reviews p JOIN received_documents d ON d.document_key = p.document_key WHERE p.lesion_id IN (SELECT id FROM lesions)').all() as {
    review_id: string; document_key: string; record: string; workstation: string;
  }[];
  for (const row of pending) {
    const from: ReceivedFrom = { documentKey: row.document_key, workstation: row.workstation };
    db.prepare('DELETE FROM pending_reviews WHERE review_id = ?').run(row.review_id);
    if (decisionHere(db, row.document_key) === null) writeReceivedReview(db, decisionAsStored(db, ReviewSchema.parse(JSON.parse(row.record)), row.document_key), from);
  }
  return pending.length;
}
