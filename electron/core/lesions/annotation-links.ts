import type Database from 'better-sqlite3';
import { StoredAnnotationSchema, type Annotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import { lesionAnnotationIds } from '@shared/lesion/cited-annotations';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { appendAudit } from './audit-log';
import { requireLocalRecord } from './authorship';
import { rewriteLesionRecord } from './lesion-rows';

// A drawing belongs to the lesion whose record names it: a measured value taken from it, or attached
// (shared/lesion/cited-annotations.ts).
// The annotations.lesion_id column and the record's lesionId are that fact, derived here and kept in
// step inside the transaction that changes a lesion or an annotation, never by a door.

/**
 * The lesion that names an annotation: one of the same study and reader whose measured values were
 * taken from it or to which it is attached, or null. Throws a conflict if two lesions name it.
 */
export function citingLesionId(db: Database.Database, annotation: Pick<Annotation, 'id' | 'studyInstanceUid' | 'reader'>): string | null {
  const records = db.prepare('SELECT record FROM lesions WHERE study_uid = ? AND reader = ?').pluck().all(annotation.studyInstanceUid, annotation.reader) as string[];
  const citing = records.map((r) => StoredLesionSchema.parse(JSON.parse(r))).filter((l) => lesionAnnotationIds(l).includes(annotation.id));
  if (citing.length > 1) {
    throw new AppError('conflict', `Annotation ${annotation.id} belongs to ${citing.length} lesions (${citing.map((l) => l.trackingUid).join(', ')}): a drawing measures one lesion.`);
  }
  return citing[0]?.id ?? null;
}

/** Rewrites an annotation's lesion link when it changed, audited under the reader whose change caused it. */
function relink(db: Database.Database, before: Annotation, lesionId: string | null, reader: string): void {
  if (before.lesionId === lesionId) return;
  const after: Annotation = { ...before, lesionId, updatedAt: new Date().toISOString() };
  db.prepare('UPDATE annotations SET lesion_id = ?, record = ?, updated_at = ? WHERE id = ?').run(lesionId, JSON.stringify(after), after.updatedAt, after.id);
  appendAudit(db, { reader, entity: 'annotation', entityId: after.id, action: 'update', before, after });
}

function storedAnnotation(db: Database.Database, id: string): Annotation | null {
  const record = db.prepare('SELECT record FROM annotations WHERE id = ?').pluck().get(id) as string | undefined;
  return record === undefined ? null : StoredAnnotationSchema.parse(JSON.parse(record));
}

/**
 * Links the drawings a lesion's record names (measured values' sources and attached drawings) and
 * unlinks the ones it no longer names, inside the caller's transaction. A named drawing must be the
 * lesion's reader's own, on its study, and belong to no other lesion; one not saved yet is linked
 * when it is saved.
 * @param reader - the reader whose change this is (audited)
 */
export function linkCitedAnnotations(db: Database.Database, lesion: Lesion, reader: string): void {
  const cited = new Set(lesionAnnotationIds(lesion));
  for (const id of cited) {
    const annotation = storedAnnotation(db, id);
    if (!annotation) continue;
    if (annotation.reader !== lesion.reader) {
      throw new AppError('forbidden', `Annotation ${id} was drawn by ${annotation.reader}: a lesion of ${lesion.reader}'s links only ${lesion.reader}'s own measurements.`);
    }
    if (annotation.studyInstanceUid !== lesion.studyInstanceUid) {
      throw new AppError('invalid_request', `Annotation ${id} is on another study: a lesion's measurements come from its own study.`);
    }
    requireLocalRecord(db, 'annotation', id);
    relink(db, annotation, citingLesionId(db, annotation), reader);
  }
  relinkAnnotations(db, annotationsLinkedTo(db, lesion.id).filter((x) => !cited.has(x)), reader);
}

/** The drawings linked to a lesion now. */
export function annotationsLinkedTo(db: Database.Database, lesionId: string): string[] {
  return db.prepare('SELECT id FROM annotations WHERE lesion_id = ?').pluck().all(lesionId) as string[];
}

/**
 * Derives the link of each named drawing again (after the lesion that cited them was deleted: they
 * stay, linked to nothing), inside the caller's transaction.
 * @param reader - the reader whose change this is (audited)
 */
export function relinkAnnotations(db: Database.Database, annotationIds: readonly string[], reader: string): void {
  for (const id of annotationIds) {
    const annotation = storedAnnotation(db, id);
    if (annotation) relink(db, annotation, citingLesionId(db, annotation), reader);
  }
}

/**
 * A drawing deleted by its reader leaves its lesion's list of attached drawings, in the caller's
 * transaction (a measured value taken from it keeps its value and names where it came from).
 * @param reader - the reader whose change this is (audited)
 */
export function detachDeletedAnnotation(db: Database.Database, annotation: Annotation, reader: string): void {
  if (annotation.lesionId === null) return;
  const record = db.prepare('SELECT record FROM lesions WHERE id = ?').pluck().get(annotation.lesionId) as string | undefined;
  if (record === undefined) return;
  const before = StoredLesionSchema.parse(JSON.parse(record));
  if (!before.attachedAnnotationIds.includes(annotation.id)) return;
  const after: Lesion = { ...before, attachedAnnotationIds: before.attachedAnnotationIds.filter((id) => id !== annotation.id), updatedAt: new Date().toISOString() };
  rewriteLesionRecord(db, after);
  appendAudit(db, { reader, entity: 'lesion', entityId: after.id, action: 'update', before, after });
}
