import type Database from 'better-sqlite3';
import { AnnotationToSaveSchema, StoredAnnotationSchema, type Annotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import { appendAudit } from './audit-log';
import { citingLesionId, detachDeletedAnnotation } from './annotation-links';
import { followDrawing } from './drawn-values';
import { requireLocalRecord, requireOwnRecord } from './authorship';
import { DRAWN_IMAGE_REMEDY, requireDrawnImage } from './drawn-image';
import { noteDrawingChange } from '../pacs/publication-triggers';
import { writeTransaction } from '../db/write-transaction';

/**
 * Saves an annotation (create or update) with its audit row, after validating it. Only the
 * signed-in reader's own: a new one must name them, a stored one must be theirs. Its lesion link
 * is not the caller's to set: it is the lesion whose record names it (a measured value taken from
 * it, or attached; a drawing on a lesion goes into that lesion's exports). A request naming another
 * lesion is refused.
 * @param reader - the signed-in reader's initials
 */
export function saveAnnotation(db: Database.Database, candidate: unknown, reader: string): Annotation {
  const annotation = AnnotationToSaveSchema.parse(candidate);
  requireOwnRecord('annotation', annotation.reader, reader);
  return writeTransaction(db, () => {
    requireDrawnImage(db, annotation, DRAWN_IMAGE_REMEDY.save);
    const before = readAnnotation(db, annotation.id);
    if (before) requireOwnRecord('annotation', before.reader, reader);
    const lesionId = citingLesionId(db, annotation);
    if (annotation.lesionId !== null && annotation.lesionId !== lesionId) refuseLink(db, annotation.lesionId, reader);
    const saved = writeAnnotation(db, { ...annotation, lesionId }, before, reader);
    followDrawing(db, saved, reader);
    return saved;
  });
}

// Read by SQL, not readLesion: the lesion store already imports this module.
function refuseLink(db: Database.Database, lesionId: string, reader: string): never {
  const owner = db.prepare('SELECT reader FROM lesions WHERE id = ?').pluck().get(lesionId) as string | undefined;
  if (owner === undefined) throw new AppError('not_found', `No lesion ${lesionId} to link this annotation to: it may have been deleted.`);
  requireOwnRecord('lesion', owner, reader);
  throw new AppError('invalid_request', `Lesion ${lesionId} does not name this annotation: a drawing is linked to a lesion by taking one of its measured values from it or attaching it to the lesion (save the lesion).`);
}

/**
 * Writes an annotation back as it was drawn, by whichever reader (an SR restored, or one unlinked
 * from a deleted lesion), audited under the reader doing it. A report is a file anyone can edit: one
 * naming an indexed image wrongly (another study's, a frame it lacks) is refused as a save is.
 * @param reader - initials of the reader restoring or unlinking it
 */
export function restoreAnnotation(db: Database.Database, candidate: unknown, reader: string): Annotation {
  const annotation = AnnotationToSaveSchema.parse(candidate);
  return writeTransaction(db, () => {
    requireDrawnImage(db, annotation, DRAWN_IMAGE_REMEDY.restore);
    return writeAnnotation(db, { ...annotation, lesionId: citingLesionId(db, annotation) }, readAnnotation(db, annotation.id), reader);
  });
}

function writeAnnotation(db: Database.Database, annotation: Annotation, before: Annotation | null, reader: string): Annotation {
  if (before) requireLocalRecord(db, 'annotation', annotation.id);
  // Study and series follow the record, so listAnnotations' filters match what is stored; the reader column never changes.
  db.prepare(
    `INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at)
     VALUES (@id, @lesionId, @studyInstanceUid, @seriesInstanceUid, @sopInstanceUid, @reader, @record, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET lesion_id = excluded.lesion_id, study_uid = excluded.study_uid, series_uid = excluded.series_uid,
       sop_instance_uid = excluded.sop_instance_uid, record = excluded.record, updated_at = excluded.updated_at`,
  ).run({ ...annotation, record: JSON.stringify(annotation) });
  appendAudit(db, { reader, entity: 'annotation', entityId: annotation.id, action: before ? 'update' : 'create', before, after: annotation });
  noteDrawingChange(db, annotation.studyInstanceUid, annotation.reader, [before?.lesionId ?? null, annotation.lesionId]);
  return annotation;
}

/** One annotation (a v1 record read as the current version), or null. */
export function readAnnotation(db: Database.Database, id: string): Annotation | null {
  const record = db.prepare('SELECT record FROM annotations WHERE id = ?').pluck().get(id) as string | undefined;
  return record === undefined ? null : StoredAnnotationSchema.parse(JSON.parse(record));
}

/** The annotations of a study (optionally one reader's), oldest first. */
export function listAnnotations(db: Database.Database, studyInstanceUid: string, reader?: string): Annotation[] {
  const rows = (reader
    ? db.prepare('SELECT record FROM annotations WHERE study_uid = ? AND reader = ? ORDER BY rowid').pluck().all(studyInstanceUid, reader)
    : db.prepare('SELECT record FROM annotations WHERE study_uid = ? ORDER BY rowid').pluck().all(studyInstanceUid)) as string[];
  return rows.map((record) => StoredAnnotationSchema.parse(JSON.parse(record)));
}

/** Deletes one of the reader's own annotations and audits it; it leaves its lesion's attached drawings. */
export function deleteAnnotation(db: Database.Database, id: string, reader: string): void {
  writeTransaction(db, () => {
    const before = readAnnotation(db, id);
    if (!before) throw new AppError('not_found', `No annotation ${id}.`);
    requireOwnRecord('annotation', before.reader, reader);
    requireLocalRecord(db, 'annotation', id);
    db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
    appendAudit(db, { reader, entity: 'annotation', entityId: id, action: 'delete', before, after: null });
    detachDeletedAnnotation(db, before, reader);
    noteDrawingChange(db, before.studyInstanceUid, before.reader, [before.lesionId]);
  });
}
