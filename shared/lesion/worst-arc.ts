import { citedAnnotationIds, lesionAnnotationIds } from './cited-annotations';
import type { Lesion } from './lesion';
import { MeasuredPctSchema } from './measurement';

// Van der Linden's circumferential involvement is read on the WORST axial slice (CLINICAL.md). A
// reader often draws an arc on several slices of one lesion and links one: when another arc of the
// same lesion measures more, the lesion is scored from that arc, never from a smaller one the image
// contradicts (an understated urgency). The value still names the drawing it was read from, so a
// surgeon checks it against that arc, and the arc the reader linked stays the lesion's (attached).

/** One of a lesion's cortical-involvement arcs and the share of the circumference it measures. */
export interface LesionArc {
  annotationId: string;
  arcPercent: number;
}

/** A drawing's tool and figures: a stored annotation, or the viewer's drawing of it (by the same id). */
export interface DrawingFigures {
  id: string;
  tool: string;
  measurements: Readonly<Record<string, number | string>>;
}

type ArcLesion = Pick<Lesion, 'largestDimensionMm' | 'lesionWidthMm' | 'boneDiameterMm' | 'corticalThicknessMm' | 'circumferentialInvolvementPct' | 'axialInvolvementMm' | 'spine' | 'attachedAnnotationIds'>;

/** The lesion's own cortical-involvement arcs among the drawings given, each with a percentage the record can hold. */
export function lesionArcs(lesion: ArcLesion, drawings: Iterable<DrawingFigures>): LesionArc[] {
  const own = new Set(lesionAnnotationIds(lesion));
  const arcs: LesionArc[] = [];
  for (const d of drawings) {
    const pct = d.measurements['arcPercent'];
    if (d.tool !== 'CorticalInvolvement' || !own.has(d.id) || typeof pct !== 'number') continue;
    if (MeasuredPctSchema.safeParse({ value: pct, provenance: { source: 'annotation', annotationId: d.id } }).success) arcs.push({ annotationId: d.id, arcPercent: pct });
  }
  return arcs;
}

/**
 * The arc of the lesion that measures more than the one its circumferential involvement is linked
 * to (the largest; the first given on a tie), or null when the value is typed, computed or already the worst.
 */
export function worseArc(lesion: ArcLesion, drawings: Iterable<DrawingFigures>): LesionArc | null {
  const measured = lesion.circumferentialInvolvementPct;
  if (measured?.provenance.source !== 'annotation') return null;
  let worst: LesionArc | null = null;
  for (const a of lesionArcs(lesion, drawings)) if (a.arcPercent > (worst?.arcPercent ?? measured.value)) worst = a;
  return worst;
}

/**
 * The lesion with its circumferential involvement taken from its worst arc, or the same object when
 * the linked arc is the worst. The arc it was linked to stays the lesion's drawing (attached).
 */
export function withWorstArc<T extends ArcLesion>(lesion: T, drawings: Iterable<DrawingFigures>): T {
  const worst = worseArc(lesion, drawings);
  const linked = lesion.circumferentialInvolvementPct?.provenance;
  if (worst === null || linked?.source !== 'annotation') return lesion;
  const switched: T = { ...lesion, circumferentialInvolvementPct: { value: worst.arcPercent, provenance: { source: 'annotation', annotationId: worst.annotationId } } };
  // Attached drawings are those no value cites: the worst arc leaves the list, the one linked before joins it.
  const cited = new Set(citedAnnotationIds(switched));
  const attached = [...lesion.attachedAnnotationIds, linked.annotationId].filter((id, i, all) => !cited.has(id) && all.indexOf(id) === i);
  return { ...switched, attachedAnnotationIds: attached };
}
