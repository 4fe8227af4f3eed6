import type { BoneAnalysisSummary } from './bone-analysis-summary';

// The rigidity profile as a plot, decided once for every place that draws it (the lesion panel's
// chart, the referral packet's vector drawing): which series, in which units, over which axes with
// which ticks. The drawing code only maps these numbers to pixels or points.

/** A rigidity the profile plots. */
export type RigidityQuantity = 'ea' | 'eiMin' | 'gj';

/** Each quantity's title and display unit (the analysis works in N and N mm2; shown in MN and N m2). */
export const PLOT_QUANTITIES: readonly { key: RigidityQuantity; title: string; unit: string; factor: number }[] = [
  { key: 'ea', title: 'Axial rigidity EA', unit: 'MN', factor: 1e-6 },
  { key: 'eiMin', title: 'Minimum bending rigidity EI-min', unit: 'N·m²', factor: 1e-6 },
  { key: 'gj', title: 'Torsional rigidity GJ', unit: 'N·m²', factor: 1e-6 },
];

/** The words every drawing of the plot uses. */
export const PLOT_TEXT = {
  title: 'Rigidity profile along the bone (CTRA, experimental)',
  xLabel: 'Position along the bone axis (mm from the click)',
  lesion: 'Lesion side',
  threshold: 'Flag line: reference x flag ratio',
  involved: 'Destroyed cortex',
} as const;

/** What the reference line is, in a legend's words. */
export function referenceLabel(summary: BoneAnalysisSummary): string {
  return summary.reference.kind === 'contralateral' ? 'Contralateral bone' : summary.reference.kind === 'own-sections' ? "Bone's unaffected sections" : 'No reference';
}

/** One quantity's profile: x positions and the three lines (null where a section has no value). */
export interface ProfileSeries {
  quantity: RigidityQuantity;
  title: string;
  yLabel: string;
  x: number[];
  lesion: number[];
  reference: (number | null)[];
  threshold: (number | null)[];
  /** The positions the destroyed region spans, for shading; null when none. */
  involved: [number, number] | null;
  /** Where this quantity's ratio is lowest, in plot units; null without a reference. */
  lowest: { x: number; y: number } | null;
}

const REFERENCE_KEY = { ea: 'referenceEa', eiMin: 'referenceEiMin', gj: 'referenceGj' } as const;

/** The profile of one rigidity, in display units. */
export function profileSeries(summary: BoneAnalysisSummary, quantity: RigidityQuantity): ProfileSeries {
  const { title, unit, factor } = PLOT_QUANTITIES.find((q) => q.key === quantity)!;
  const sections = [...summary.profile].sort((a, b) => a.positionMm - b.positionMm);
  const ratio = summary.rigidity.constants.flagAtOrBelowRatio;
  const reference = sections.map((s) => (s[REFERENCE_KEY[quantity]] === null ? null : s[REFERENCE_KEY[quantity]]! * factor));
  const byIndex = new Map(sections.map((s) => [s.index, s.positionMm]));
  const first = summary.involved ? byIndex.get(summary.involved.firstSection) : undefined;
  const last = summary.involved ? byIndex.get(summary.involved.lastSection) : undefined;
  const lowestAt = summary.rigidity.lowestAt[quantity];
  const lowestSection = lowestAt ? sections.find((s) => s.index === lowestAt.sectionIndex) : undefined;
  return {
    quantity,
    title,
    yLabel: `${title} (${unit})`,
    x: sections.map((s) => s.positionMm),
    lesion: sections.map((s) => s[quantity] * factor),
    reference,
    threshold: reference.map((r) => (r === null ? null : r * ratio)),
    involved: first !== undefined && last !== undefined ? [Math.min(first, last), Math.max(first, last)] : null,
    lowest: lowestSection ? { x: lowestSection.positionMm, y: lowestSection[quantity] * factor } : null,
  };
}

/** An axis: its range and the values that get a tick and a label. */
export interface PlotAxis {
  min: number;
  max: number;
  ticks: number[];
}

/** A step of 1, 2 or 5 times a power of ten giving about `count` intervals over a span. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/**
 * An axis over the finite values given, widened to whole steps of 1, 2 or 5 x 10^n, with its ticks.
 * @param fromZero - start at 0 (rigidities are never negative)
 */
export function niceAxis(values: readonly (number | null)[], count = 5, fromZero = false): PlotAxis {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  let low = finite.length ? Math.min(...finite) : 0;
  let high = finite.length ? Math.max(...finite) : 1;
  if (fromZero) low = Math.min(0, low);
  if (high === low) high = low + 1;
  const step = niceStep(high - low, count);
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(Math.round(t / step) * step);
  return { min, max, ticks };
}

/** Both axes of a profile's plot. */
export function plotAxes(series: ProfileSeries): { x: PlotAxis; y: PlotAxis } {
  return { x: niceAxis(series.x, 6), y: niceAxis([...series.lesion, ...series.reference], 4, true) };
}

/** A tick's label: no more digits than the step needs. */
export function tickLabel(value: number, axis: PlotAxis): string {
  const step = axis.ticks.length > 1 ? Math.abs(axis.ticks[1]! - axis.ticks[0]!) : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return value.toFixed(decimals);
}
