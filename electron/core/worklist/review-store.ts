import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { ReviewingRole } from '@shared/reader/roles';
import { ReviewRequestSchema, ReviewSchema, type ListedReview, type Review } from '@shared/worklist/review';
import { appendAudit } from '../lesions/audit-log';
import { noteReviewSaved } from '../pacs/publication-triggers';
import { listedReview } from './lesion-change-after-decision';
import { writeTransaction } from '../db/write-transaction';
import { requireReadRevision } from '../lesions/lesion-revision';

/**
 * Records a reviewing specialist's decision on a lesion, audited like every lesion change. The
 * host dates it by its own clock when saving (a client's clock may be wrong, or lie) and keeps
 * the reviewer's role with it. A decision made on the lesion as read at `lesionRevision` is refused
 * ('stale') when the lesion was saved since: it would read as a decision on the lesion as it is now.
 * @param reviewer - the signed-in reviewing specialist
 * @param options - lesionRevision: the lesion's revision as the reviewer read it (undefined: not checked); now: the host's time
 */
export function saveReview(db: Database.Database, candidate: unknown, reviewer: { initials: string; role: ReviewingRole }, options: { lesionRevision?: number; now?: Date } = {}): Review {
  const request = ReviewRequestSchema.parse(candidate);
  if (request.reviewer !== reviewer.initials) throw new AppError('forbidden', `A review is recorded by its reviewer (${reviewer.initials}), not on behalf of ${request.reviewer}.`);
  const review = ReviewSchema.parse({ ...request, reviewerRole: reviewer.role, createdAt: (options.now ?? new Date()).toISOString() });
  return writeTransaction(db, () => {
    const studyUid = db.prepare('SELECT study_uid FROM lesions WHERE id = ?').pluck().get(review.lesionId) as string | undefined;
    if (studyUid === undefined) throw new AppError('not_found', `No lesion ${review.lesionId}.`);
    if (db.prepare('SELECT 1 FROM reviews WHERE id = ?').get(review.id)) throw new AppError('conflict', 'A review is never changed: record a new one.');
    requireReadRevision(db, review.lesionId, options.lesionRevision);
    writeOwnReview(db, review);
    noteReviewSaved(db, studyUid, review.reviewer, review.id);
    return review;
  });
}

/** Stores a decision recorded on this workstation, audited under its reviewer (in the caller's transaction). */
export function writeOwnReview(db: Database.Database, review: Review): void {
  db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES (?, ?, ?, ?, ?)').run(review.id, review.lesionId, review.reviewer, JSON.stringify(review), review.createdAt);
  appendAudit(db, { reader: review.reviewer, entity: 'review', entityId: review.lesionId, action: 'create', before: null, after: review });
}

// Newest means saved last (rowid order), not the latest date: a date stored by an earlier version
// came from the client's clock, and one dated 9999 must not stay the latest decision for ever.

/** A review's row: its record, and the received document it came in (null: recorded here). */
interface ReviewRow {
  record: string;
  origin: string | null;
}

/** Every review of a lesion, newest (saved last) first, each saying whether the lesion changed after it and where a received one came from. */
export function lesionReviews(db: Database.Database, lesionId: string): ListedReview[] {
  return (db.prepare('SELECT record, origin FROM reviews WHERE lesion_id = ? ORDER BY rowid DESC').all(lesionId) as ReviewRow[]).map(
    (row) => listedReview(db, ReviewSchema.parse(JSON.parse(row.record)), row.origin),
  );
}

/** The newest (saved last) review of a lesion, saying whether the lesion changed after it, or null when it has none. */
export function latestReview(db: Database.Database, lesionId: string): ListedReview | null {
  const row = db.prepare('SELECT record, origin FROM reviews WHERE lesion_id = ? ORDER BY rowid DESC LIMIT 1').get(lesionId) as ReviewRow | undefined;
  return row === undefined ? null : listedReview(db, ReviewSchema.parse(JSON.parse(row.record)), row.origin);
}

/** The newest (saved last) review of each lesion that has one, with the received document it came in (null: recorded here). */
export function latestReviews(db: Database.Database): Map<string, { review: Review; origin: string | null }> {
  const rows = db.prepare('SELECT lesion_id, record, origin FROM reviews WHERE rowid IN (SELECT MAX(rowid) FROM reviews GROUP BY lesion_id)').raw().all() as [string, string, string | null][];
  return new Map(rows.map(([lesionId, record, origin]) => [lesionId, { review: ReviewSchema.parse(JSON.parse(record)), origin }]));
}
