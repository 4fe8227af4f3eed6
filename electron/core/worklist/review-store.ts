import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { ReviewSchema, type Review } from '@shared/worklist/review';
import { appendAudit } from '../lesions/audit-log';

/** Records a surgeon's review of a lesion, audited like every lesion change. */
export function saveReview(db: Database.Database, candidate: unknown, reviewer: string): Review {
  const review = ReviewSchema.parse(candidate);
  if (review.reviewer !== reviewer) throw new AppError('forbidden', `A review is recorded by its reviewer (${reviewer}), not on behalf of ${review.reviewer}.`);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM lesions WHERE id = ?').get(review.lesionId)) throw new AppError('not_found', `No lesion ${review.lesionId}.`);
    if (db.prepare('SELECT 1 FROM reviews WHERE id = ?').get(review.id)) throw new AppError('conflict', 'A review is never changed: record a new one.');
    db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at) VALUES (?, ?, ?, ?, ?)').run(
      review.id, review.lesionId, review.reviewer, JSON.stringify(review), review.createdAt,
    );
    appendAudit(db, { reader: reviewer, entity: 'review', entityId: review.lesionId, action: 'create', before: null, after: review });
    return review;
  })();
}

/** Every review of a lesion, newest first. */
export function lesionReviews(db: Database.Database, lesionId: string): Review[] {
  return (db.prepare('SELECT record FROM reviews WHERE lesion_id = ? ORDER BY created_at DESC, rowid DESC').pluck().all(lesionId) as string[]).map(
    (record) => ReviewSchema.parse(JSON.parse(record)),
  );
}

/** The newest review of each lesion that has one. */
export function latestReviews(db: Database.Database): Map<string, Review> {
  const rows = db
    .prepare('SELECT lesion_id, record FROM reviews r WHERE rowid = (SELECT rowid FROM reviews WHERE lesion_id = r.lesion_id ORDER BY created_at DESC, rowid DESC LIMIT 1)')
    .raw()
    .all() as [string, string][];
  return new Map(rows.map(([lesionId, record]) => [lesionId, ReviewSchema.parse(JSON.parse(record))]));
}
