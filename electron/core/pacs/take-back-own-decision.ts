import type Database from 'better-sqlite3';
import type { Review } from '@shared/worklist/review';
import { writeOwnReview } from '../worklist/review-store';
import { contentHash } from './team-identity';
import type { TeamInstance } from './team-publications-on-pacs';
import { writeTransactionUnlessSettled } from '../db/write-transaction';

// A reviewing workstation restored from an older backup lacks the decisions its specialists
// recorded after the backup; the PACS holds each as a document of this workstation's. When a sync
// finds one (an instance of this workstation's it has not seen), the decision is taken back: a
// decision is never changed or deleted here, so the only rule is not to put an older decision above
// a newer one (the newest decision is the one saved last).

/** What taking back a decision did: 'taken' back, or why not. */
export type DecisionTakeBack = 'taken' | 'here already' | 'lesion not here' | 'newer decision here';

/** Why a published decision is not taken back (it needs no write), or undefined when it is to be. */
function leftOut(db: Database.Database, review: Review): Exclude<DecisionTakeBack, 'taken'> | undefined {
  if (db.prepare('SELECT 1 FROM reviews WHERE id = ?').get(review.id)) return 'here already';
  if (!db.prepare('SELECT 1 FROM lesions WHERE id = ?').get(review.lesionId)) return 'lesion not here';
  const later = db.prepare('SELECT 1 FROM reviews WHERE lesion_id = ? AND reviewer = ? AND origin IS NULL AND created_at > ?').get(review.lesionId, review.reviewer, review.createdAt);
  return later ? 'newer decision here' : undefined;
}

/**
 * Takes back, in one transaction, a decision this workstation published that its database lacks:
 * stored as its reviewer's own, audited, and recorded as published (on `url`) so that it is never
 * queued again. Left out when its lesion is not here, or when its reviewer recorded a later
 * decision on that lesion here (it would show as the newest).
 */
export function takeBackOwnDecision(db: Database.Database, review: Review, instance: Pick<TeamInstance, 'sopInstanceUid' | 'instanceNumber'>, url: string): DecisionTakeBack {
  // Mostly the decision is here already: answered without the write lock an import may hold.
  return writeTransactionUnlessSettled(db, () => leftOut(db, review), (): DecisionTakeBack => {
    const studyUid = db.prepare('SELECT study_uid FROM lesions WHERE id = ?').pluck().get(review.lesionId) as string;
    writeOwnReview(db, review);
    db.prepare(
      `INSERT OR IGNORE INTO pacs_documents (kind, study_uid, reader, record_id, version, instance_number, sop_instance_uid, content_hash, lesions, snapshot, sent_to)
       VALUES ('review', ?, ?, ?, 1, ?, ?, ?, '[]', NULL, ?)`,
    ).run(studyUid, review.reviewer, review.id, instance.instanceNumber ?? 1, instance.sopInstanceUid, contentHash(review), url);
    return 'taken';
  });
}
