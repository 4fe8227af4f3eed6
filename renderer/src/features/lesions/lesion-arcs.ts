import type { DrawingFigures } from '@shared/lesion/worst-arc';
import { fixedFigure } from '@shared/scoring/shown-figure';
import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';

/** The viewer's drawings as the figures the lesion's worst arc is chosen from (shared/lesion/worst-arc.ts). */
export function drawingFigures(drawings: readonly AnnotationSnapshot[]): DrawingFigures[] {
  return drawings.map((d) => ({ id: d.annotationUid, tool: d.toolName, measurements: d.stats }));
}

/** One of the lesion's arcs as the form lists it. */
export interface ShownArc {
  annotationId: string;
  arcPercent: number;
  /** Where it lies, as the reader finds it ("slice 12", "a reformat"). */
  slice: string;
  /** Whether the lesion's circumferential involvement is read from it. */
  scored: boolean;
}

/** A percentage as the form shows it (one decimal at most, more only near a limit of the scores). */
const pct = (value: number) => `${Number(fixedFigure('circumferentialInvolvementPct', value, 1))}%`;

/**
 * What the form says of a lesion's arcs, or null with fewer than two or none scored: that another
 * arc measures more (saving scores it), or that the scored one is the worst and what the others measure.
 */
export function worstArcMessage(arcs: readonly ShownArc[]): string | null {
  const scored = arcs.find((a) => a.scored);
  if (arcs.length < 2 || !scored) return null;
  const worst = arcs.reduce((w, a) => (a.arcPercent > w.arcPercent ? a : w), scored);
  if (worst !== scored) return `Another arc of this lesion measures ${pct(worst.arcPercent)} (${worst.slice}): saving scores it, as Van der Linden reads the worst axial slice.`;
  const others = arcs.filter((a) => a !== scored).map((a) => `another arc measures ${pct(a.arcPercent)} (${a.slice})`);
  return `Scored from the worst of this lesion's ${arcs.length} arcs, as Van der Linden reads the worst axial slice: ${pct(scored.arcPercent)} (${scored.slice}); ${others.join(', ')}.`;
}
