import type Database from 'better-sqlite3';
import { ReviewSchema, type Review } from '@shared/worklist/review';
import { OWN_DECISION_KEY, writeReceivedReview, type ReceivedFrom } from '../lesions/received-records';
import { noteReviewSaved } from './publication-triggers';
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

/**
 * This workstation's own decisions kept while their lesion was withdrawn, stored again now that it
 * is back; one never sent is queued again (its publication found no lesion and was dropped).
 */
function restoreOwnDecisions(db: Database.Database): void {
  const own = db.prepare('SELECT p.review_id, p.record, l.study_uid FROM pending_reviews p JOIN lesions l ON l.id = p.lesion_id WHERE p.document_key = ?').all(OWN_DECISION_KEY) as { review_id: string; record: string; study_uid: string }[];
  for (const row of own) {
    const review = ReviewSchema.parse(JSON.parse(row.record));
    db.prepare('DELETE FROM pending_reviews WHERE review_id = ?').run(row.review_id);
    db.prepare('INSERT OR IGNORE INTO reviews (id, lesion_id, reviewer, record, created_at, origin) VALUES (?, ?, ?, ?, ?, NULL)').run(review.id, review.lesionId, review.reviewer, row.record, review.createdAt);
    const sent = db.prepare("SELECT 1 FROM pacs_documents WHERE kind = 'review' AND record_id = ? AND sent_to IS NOT NULL").get(review.id);
    if (!sent) noteReviewSaved(db, row.study_uid, review.reviewer, review.id);
  }
}

/** Decisions received before their lesion (or kept while it was withdrawn), stored now that it is here; how many received ones. */
export function applyPendingDecisions(db: Database.Database): number {
  restoreOwnDecisions(db);
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
