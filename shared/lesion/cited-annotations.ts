import type { Lesion } from './lesion';

/** The annotations a lesion's measured values were taken from (their provenance). */
export function citedAnnotationIds(lesion: Pick<Lesion, 'largestDimensionMm' | 'lesionWidthMm' | 'boneDiameterMm' | 'corticalThicknessMm' | 'circumferentialInvolvementPct' | 'axialInvolvementMm' | 'spine'>): string[] {
  const measured = [lesion.largestDimensionMm, lesion.lesionWidthMm, lesion.boneDiameterMm, lesion.corticalThicknessMm, lesion.circumferentialInvolvementPct, lesion.axialInvolvementMm, lesion.spine.collapsePct];
  const ids = measured.map((m) => m?.provenance).flatMap((p) => (p?.source === 'annotation' ? [p.annotationId] : []));
  return [...new Set(ids)];
}

/**
 * The lesion's drawings: those its measured values cite and those attached to it. The lesion record
 * is the one record of which drawings belong to a lesion; the annotation's own lesion link is
 * derived from it by the core, in the same transaction as the lesion.
 */
export function lesionAnnotationIds(lesion: Parameters<typeof citedAnnotationIds>[0] & Pick<Lesion, 'attachedAnnotationIds'>): string[] {
  return [...new Set([...citedAnnotationIds(lesion), ...lesion.attachedAnnotationIds])];
}
