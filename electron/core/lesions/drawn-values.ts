import type Database from 'better-sqlite3';
import type { Annotation, AnnotationTool } from '@shared/annotation/annotation';
import { StoredAnnotationSchema } from '@shared/annotation/annotation';
import { LesionSchema, StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { appendAudit } from './audit-log';
import { rewriteLesionRecord } from './lesion-rows';

// A value "measured on a drawing" is that drawing's figure: when the reader drags a linked Length
// from 20 to 34 mm, the lesion, its scores and every export say 34 mm, not the 20 mm of the moment
// it was linked (a surgeon checks the number against the drawing). The figure each value reads is
// the one the lesion form links it from (renderer/src/features/lesions/measured-links.ts).

type DrawnField = 'largestDimensionMm' | 'lesionWidthMm' | 'boneDiameterMm' | 'corticalThicknessMm' | 'circumferentialInvolvementPct' | 'axialInvolvementMm';
const DRAWN_FIELDS: readonly DrawnField[] = ['largestDimensionMm', 'lesionWidthMm', 'boneDiameterMm', 'corticalThicknessMm', 'circumferentialInvolvementPct', 'axialInvolvementMm'];

/** The name of the drawing's figure a field reads, or null where this tool gives the field none. */
function figureName(field: DrawnField, tool: AnnotationTool): string | null {
  if (field === 'circumferentialInvolvementPct') return tool === 'CorticalInvolvement' ? 'arcPercent' : null;
  if (field === 'axialInvolvementMm') return tool === 'CorticalInvolvement' ? 'axialExtentMm' : tool === 'Length' ? 'length' : null;
  if (field === 'largestDimensionMm') return tool === 'Length' || tool === 'Bidirectional' ? 'length' : null;
  return tool === 'Length' ? 'length' : null;
}

/**
 * The lesion with every value measured on this drawing set to the drawing's figure, or the same
 * object when none differs. A figure the record cannot hold (none, or out of its range) leaves the value.
 */
export function withDrawnValues(lesion: Lesion, drawing: Annotation): Lesion {
  let changed: Lesion | null = null;
  for (const field of DRAWN_FIELDS) {
    const measured = lesion[field];
    if (measured?.provenance.source !== 'annotation' || measured.provenance.annotationId !== drawing.id) continue;
    const name = figureName(field, drawing.tool);
    const figure = name === null ? undefined : drawing.measurements[name];
    if (figure === undefined || figure === measured.value) continue;
    const next: MeasuredMm = { value: figure, provenance: measured.provenance };
    const candidate: Lesion = { ...(changed ?? lesion), [field]: next };
    if (LesionSchema.safeParse(candidate).success) changed = candidate;
  }
  return changed ?? lesion;
}

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
  const drawn = withDrawnValues(before, drawing);
  if (drawn === before) return;
  const after: Lesion = { ...drawn, updatedAt: new Date().toISOString() };
  rewriteLesionRecord(db, after);
  appendAudit(db, { reader, entity: 'lesion', entityId: after.id, action: 'update', before, after });
}
