import type { Annotation, AnnotationTool } from '../annotation/annotation';
import type { Lesion } from './lesion';
import { MeasuredMmSchema, MeasuredPctSchema, type MeasuredMm } from './measurement';

// A value "measured on a drawing" is that drawing's figure: when the reader drags a linked Length
// from 20 to 34 mm, the lesion, its scores and every export say 34 mm, not the 20 mm of the moment
// it was linked (a surgeon checks the number against the drawing). The figure each value reads is
// the one the lesion form links it from (renderer/src/features/lesions/measured-links.ts). The core
// applies it when a drawing or a lesion is saved, the lesion form to the draft it shows.

/** The lesion's values a drawing can give. */
export type DrawnField = 'largestDimensionMm' | 'lesionWidthMm' | 'boneDiameterMm' | 'corticalThicknessMm' | 'circumferentialInvolvementPct' | 'axialInvolvementMm';
/** Every value a drawing can give, in the record's order. */
export const DRAWN_FIELDS: readonly DrawnField[] = ['largestDimensionMm', 'lesionWidthMm', 'boneDiameterMm', 'corticalThicknessMm', 'circumferentialInvolvementPct', 'axialInvolvementMm'];

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
export function withDrawnValues<T extends Pick<Lesion, DrawnField>>(lesion: T, drawing: Annotation): T {
  let changed: T | null = null;
  for (const field of DRAWN_FIELDS) {
    const measured = lesion[field];
    if (measured?.provenance.source !== 'annotation' || measured.provenance.annotationId !== drawing.id) continue;
    const name = figureName(field, drawing.tool);
    const figure = name === null ? undefined : drawing.measurements[name];
    if (figure === undefined || figure === measured.value) continue;
    const next: MeasuredMm = { value: figure, provenance: measured.provenance };
    const schema = field === 'circumferentialInvolvementPct' ? MeasuredPctSchema : MeasuredMmSchema;
    if (schema.safeParse(next).success) changed = { ...(changed ?? lesion), [field]: next };
  }
  return changed ?? lesion;
}
