import type { Lesion, MirelsSizeDefinition } from '../lesion/lesion';
import { MIRELS } from './thresholds';
import type { MirelsSizeBand } from './tables';
import { formatNumber } from './format';
import { compareRatio } from './exact-fraction';
import { sourceSuffix } from './provenance-note';

/**
 * The definitions of Mirels size this app can use, in the words every score and export prints. The
 * published tables differ (CLINICAL.md): the default is lesion extent / bone diameter on the same
 * image. The circumferential fraction of destroyed cortex is the CT reading, used only when the
 * reader chose it on the lesion: a missing width or diameter leaves the size unknown (a range over
 * sizes 1-3), it never borrows another measurement in silence.
 */
export const MIRELS_SIZE_DEFINITIONS: Readonly<Record<MirelsSizeDefinition, string>> = {
  'width-over-diameter': 'lesion extent / bone diameter on the same image',
  'circumferential-fraction': 'circumferential cortical involvement fraction (chosen by the reader)',
};

/** Mirels size derived from the stored raw measurements under the lesion's chosen definition. */
export interface MirelsSize {
  band: MirelsSizeBand | null;
  /** The measurement as shown, e.g. "0.45 (lesion width 18 mm / bone diameter 40 mm)". */
  value: string | null;
  /** The definition used, in words (always the lesion's chosen one). */
  definition: string;
  /** What is missing for the size, in a reader's words, or null when it is known. */
  missing: string | null;
}

/**
 * Places fraction num/den in its Mirels band: < 1/3, 1/3 - 2/3 (both ends included), > 2/3, compared
 * in exact decimal arithmetic so that 3.3 / 9.9 is exactly 1/3 (size 2) and 35.2 / 52.8 exactly 2/3
 * (size 2).
 */
export function mirelsSizeBandOf(num: number, den: number): MirelsSizeBand {
  if (compareRatio(num, den, MIRELS.sizeLower) < 0) return 'under-one-third';
  if (compareRatio(num, den, MIRELS.sizeUpper) <= 0) return 'one-to-two-thirds';
  return 'over-two-thirds';
}

const SIZE_BOUNDARIES = [MIRELS.sizeLower, MIRELS.sizeUpper] as const;

/**
 * num/den x scale as the size component shows it: the boundary itself ("2/3") when it lies exactly on
 * 1/3 or 2/3, else with the fewest decimals (two at least) that keep it on its side of both: 19.99 / 30
 * shows 0.666, not 0.67, which would read as over 2/3 beside a size of 2 points.
 */
function sizeFigure(num: number, den: number, scale: number): { boundary: string | null; shown: string } {
  const sides = SIZE_BOUNDARIES.map((b) => compareRatio(num, den, b));
  const on = SIZE_BOUNDARIES.find((_, i) => sides[i] === 0);
  if (on) return { boundary: `${on.num}/${on.den}`, shown: `${on.num}/${on.den}` };
  const exact = (num / den) * scale;
  for (let digits = 2; digits <= 15; digits++) {
    const rounded = Number(exact.toFixed(digits));
    if (SIZE_BOUNDARIES.every((b, i) => compareRatio(rounded, scale, b) === sides[i])) return { boundary: null, shown: String(rounded) };
  }
  return { boundary: null, shown: String(exact) };
}

/** Where a computed width and diameter came from: once when both came from the same section, else each. */
function sizeSources(lesion: Lesion): string {
  const width = sourceSuffix(lesion.lesionWidthMm);
  const diameter = sourceSuffix(lesion.boneDiameterMm);
  if (width === diameter) return width;
  return [width && `; width${width}`, diameter && `; diameter${diameter}`].join('');
}

/** Mirels size band of a lesion under its chosen definition, or unknown with what is missing. */
export function mirelsSize(lesion: Lesion): MirelsSize {
  const definition = MIRELS_SIZE_DEFINITIONS[lesion.mirelsSizeDefinition];
  if (lesion.mirelsSizeDefinition === 'circumferential-fraction') {
    const pct = lesion.circumferentialInvolvementPct?.value;
    if (pct === undefined) return { band: null, value: null, definition, missing: 'size (circumferential involvement, the chosen Mirels size definition)' };
    const figure = sizeFigure(pct, 100, 100);
    const fraction = figure.boundary ?? `${figure.shown}%`;
    return { band: mirelsSizeBandOf(pct, 100), value: `${fraction} of the circumference${sourceSuffix(lesion.circumferentialInvolvementPct)}`, definition, missing: null };
  }
  const width = lesion.lesionWidthMm?.value;
  const diameter = lesion.boneDiameterMm?.value;
  // A zero diameter is no measurement of the bone: the size stays unknown rather than infinite.
  if (width === undefined || diameter === undefined || diameter === 0) {
    const absent = [width === undefined ? 'lesion width' : null, diameter === undefined || diameter === 0 ? 'bone diameter' : null].filter(Boolean);
    return { band: null, value: null, definition, missing: `size (${absent.join(' and ')} on the same image)` };
  }
  return {
    band: mirelsSizeBandOf(width, diameter),
    value: `${sizeFigure(width, diameter, 1).shown} (lesion width ${formatNumber(width)} mm / bone diameter ${formatNumber(diameter)} mm)${sizeSources(lesion)}`,
    definition,
    missing: null,
  };
}
