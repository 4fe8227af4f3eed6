import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import type { Review } from '@shared/worklist/review';
import { appendAudit } from './audit-log';
import { DRAWN_IMAGE_REMEDY, requireDrawnImage } from './drawn-image';
import { upsertLesionRow } from './lesion-rows';

// Records received from other workstations through the PACS: each reader's own, stored here
// read-only with the document they came in (origin), never through the stores that record this
// workstation's own work (those refuse to change them). Each write is audited under the record's
// reader, from the workstation that published it (no operating-system account of this machine did it).

/** The document a received record came in, and the workstation that published it. */
export interface ReceivedFrom {
  documentKey: string;
  workstation: string;
}

const identityOf = (from: ReceivedFrom) => ({ osAccount: null, workstation: from.workstation });

/** Stores a received lesion (new, or a newer version of one received before), in the caller's transaction. */
export function writeReceivedLesion(db: Database.Database, lesion: Lesion, before: Lesion | null, from: ReceivedFrom): void {
  upsertLesionRow(db, lesion, from.documentKey);
  appendAudit(db, { reader: lesion.reader, entity: 'lesion', entityId: lesion.id, action: before ? 'update' : 'create', before, after: lesion }, identityOf(from));
}

/** The document key under which this workstation's own decision waits for its withdrawn lesion (a received one names its document). */
export const OWN_DECISION_KEY = '';

/**
 * Removes a received lesion its reader withdrew; its received drawings go with the version that
 * withdrew it. The decisions on it wait for it (a final lesion taken back to draft comes back):
 * this workstation's own under OWN_DECISION_KEY, the others' under their document, as a decision
 * received before its lesion waits.
 */
export function deleteReceivedLesion(db: Database.Database, lesion: Lesion, from: ReceivedFrom): void {
  db.prepare(
    `INSERT OR IGNORE INTO pending_reviews (review_id, lesion_id, document_key, record, received_at)
     SELECT id, lesion_id, coalesce(origin, ?), record, ? FROM reviews WHERE lesion_id = ?`,
  ).run(OWN_DECISION_KEY, new Date().toISOString(), lesion.id);
  db.prepare('DELETE FROM lesions WHERE id = ?').run(lesion.id);
  appendAudit(db, { reader: lesion.reader, entity: 'lesion', entityId: lesion.id, action: 'delete', before: lesion, after: null }, identityOf(from));
}

/**
 * Stores a received drawing, linked to its lesion when that lesion came in the same document (never
 * to one recorded here). One naming an image indexed here wrongly (another study's: the SR exports
 * would reference another patient's image; a frame it lacks) is refused ('invalid_request'), before
 * anything is written, as a drawing saved here is.
 */
export function writeReceivedAnnotation(db: Database.Database, annotation: Annotation, before: Annotation | null, from: ReceivedFrom): void {
  requireDrawnImage(db, annotation, DRAWN_IMAGE_REMEDY.received(annotation.reader));
  const lesionHere = annotation.lesionId !== null && db.prepare('SELECT 1 FROM lesions WHERE id = ? AND origin = ?').get(annotation.lesionId, from.documentKey) !== undefined;
  const stored = { ...annotation, lesionId: lesionHere ? annotation.lesionId : null };
  db.prepare(
    `INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at, origin)
     VALUES (@id, @lesionId, @studyInstanceUid, @seriesInstanceUid, @sopInstanceUid, @reader, @record, @updatedAt, @origin)
     ON CONFLICT(id) DO UPDATE SET lesion_id = excluded.lesion_id, study_uid = excluded.study_uid, series_uid = excluded.series_uid,
       sop_instance_uid = excluded.sop_instance_uid, record = excluded.record, updated_at = excluded.updated_at, origin = excluded.origin`,
  ).run({ ...stored, record: JSON.stringify(stored), origin: from.documentKey });
  appendAudit(db, { reader: annotation.reader, entity: 'annotation', entityId: annotation.id, action: before ? 'update' : 'create', before, after: stored }, identityOf(from));
}

/** Removes a received drawing its reader removed from their findings. */
export function deleteReceivedAnnotation(db: Database.Database, annotation: Annotation, from: ReceivedFrom): void {
  db.prepare('DELETE FROM annotations WHERE id = ?').run(annotation.id);
  appendAudit(db, { reader: annotation.reader, entity: 'annotation', entityId: annotation.id, action: 'delete', before: annotation, after: null }, identityOf(from));
}

/** Stores a decision received from another workstation, on a lesion that is here. */
export function writeReceivedReview(db: Database.Database, review: Review, from: ReceivedFrom): void {
  db.prepare('INSERT INTO reviews (id, lesion_id, reviewer, record, created_at, origin) VALUES (?, ?, ?, ?, ?, ?)').run(
    review.id, review.lesionId, review.reviewer, JSON.stringify(review), review.createdAt, from.documentKey,
  );
  appendAudit(db, { reader: review.reviewer, entity: 'review', entityId: review.lesionId, action: 'create', before: null, after: review }, identityOf(from));
}
