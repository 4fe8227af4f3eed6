import type Database from 'better-sqlite3';
import { StoredAnnotationSchema, type Annotation } from '@shared/annotation/annotation';
import { DRAWN_FIELDS, withDrawnValues } from '@shared/lesion/drawn-values';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { appendAudit } from './audit-log';
import { rewriteLesionRecord } from './lesion-rows';
import { withStoredWorstArc } from './worst-arc';

// The stored side of shared/lesion/drawn-values.ts: a lesion saved takes its stored drawings'
// figures, and a drawing saved with new figures gives them to the lesion that cites it.

/** The lesion with each value measured on a stored drawing set to that drawing's figure (drawings not stored yet keep the value given). */
export function withStoredDrawnValues(db: Database.Database, lesion: Lesion): Lesion {
  const read = db.prepare('SELECT record FROM annotations WHERE id = ? AND study_uid = ? AND reader = ?').pluck();
  let out = lesion;
  for (const field of DRAWN_FIELDS) {
    const provenance = lesion[field]?.provenance;
    if (provenance?.source !== 'annotation') continue;
    const record = read.get(provenance.annotationId, lesion.studyInstanceUid, lesion.reader) as string | undefined;
    if (record !== undefined) out = withDrawnValues(out, StoredAnnotationSchema.parse(JSON.parse(record)));
  }
  return out;
}

/**
 * A drawing saved with new figures: the lesion that measured values on it (recorded here) takes them,
 * scored again with its worklist row and audited, in the caller's transaction (the drawing's own
 * save queues the publication of a final lesion's findings).
 * @param reader - the reader whose change this is (audited)
 */
export function followDrawing(db: Database.Database, drawing: Annotation, reader: string): void {
  if (drawing.lesionId === null) return;
  const record = db.prepare('SELECT record FROM lesions WHERE id = ? AND origin IS NULL').pluck().get(drawing.lesionId) as string | undefined;
  if (record === undefined) return;
  const before = StoredLesionSchema.parse(JSON.parse(record));
  // An arc of the lesion redrawn larger (or the linked one smaller) moves the scored value to the worst arc.
  const drawn = withStoredWorstArc(db, withDrawnValues(before, drawing));
  if (drawn === before) return;
  const after: Lesion = { ...drawn, updatedAt: new Date().toISOString() };
  rewriteLesionRecord(db, after);
  appendAudit(db, { reader, entity: 'lesion', entityId: after.id, action: 'update', before, after });
}
