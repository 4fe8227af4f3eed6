import type { Lesion } from '../lesion/lesion';
import { MIRELS } from './thresholds';
import type { MirelsSizeBand } from './tables';
import { formatNumber } from './format';

/**
 * The definitions of Mirels size this app can use. The published tables differ
 * (fraction of bone diameter vs of cortical thickness, CLINICAL.md); the default
 * is lesion extent / bone diameter on the same image. Where no diameter ratio was
 * measured, the circumferential fraction of destroyed cortex stands in, and the
 * result names which definition it used.
 */
export const MIRELS_SIZE_DEFINITIONS = {
  widthOverDiameter: 'lesion extent / bone diameter on the same image',
  circumferentialFraction: 'circumferential cortical involvement fraction (no diameter ratio measured)',
} as const;

/** Mirels size derived from the stored raw measurements. */
export interface MirelsSize {
  band: MirelsSizeBand | null;
  /** The measurement as shown, e.g. "0.45 (lesion width 18 mm / bone diameter 40 mm)". */
  value: string | null;
  definition: string | null;
}

/** Places fraction num/den in its band, comparing by cross-multiplication so that 1/3 and 2/3 are exact. */
function bandOfFraction(num: number, den: number): MirelsSizeBand {
  const { sizeLower, sizeUpper } = MIRELS;
  if (num * sizeLower.den < den * sizeLower.num) return 'under-one-third';
  if (num * sizeUpper.den <= den * sizeUpper.num) return 'one-to-two-thirds';
  return 'over-two-thirds';
}

/** Mirels size band of a lesion: width / diameter when both exist, else circumferential involvement, else unknown. */
export function mirelsSize(lesion: Lesion): MirelsSize {
  const width = lesion.lesionWidthMm?.value;
  const diameter = lesion.boneDiameterMm?.value;
  if (width !== undefined && diameter !== undefined && diameter > 0) {
    return {
      band: bandOfFraction(width, diameter),
      value: `${formatNumber(width / diameter)} (lesion width ${formatNumber(width)} mm / bone diameter ${formatNumber(diameter)} mm)`,
      definition: MIRELS_SIZE_DEFINITIONS.widthOverDiameter,
    };
  }
  const pct = lesion.circumferentialInvolvementPct?.value;
  if (pct !== undefined) {
    return {
      band: bandOfFraction(pct, 100),
      value: `${formatNumber(pct)}% of the circumference`,
      definition: MIRELS_SIZE_DEFINITIONS.circumferentialFraction,
    };
  }
  return { band: null, value: null, definition: null };
}
