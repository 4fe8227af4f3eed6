import type { Lesion, MirelsSizeDefinition } from '../lesion/lesion';
import { MIRELS } from './thresholds';
import type { MirelsSizeBand } from './tables';
import { formatNumber } from './format';
import { compareRatio, compareStoredRatio, type Fraction } from './exact-fraction';
import { sourceSuffix } from './provenance-note';
import type { MeasuredMm } from '../lesion/measurement';
import { spacingPlaneSuffix } from '../dicom/measurement-spacing';
import { detectorMagnification, magnificationFraction } from './patient-size';

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
  /** Every band the size could be in: the band alone when known, several while inputs are missing or undecided. */
  possibleBands: MirelsSizeBand[];
  /** The measurement as shown, e.g. "0.45 (lesion width 18 mm / bone diameter 40 mm)". */
  value: string | null;
  /** The definition used, in words (always the lesion's chosen one). */
  definition: string;
  /** What is missing for the size, in a reader's words, or null when it is known. */
  missing: string | null;
}

/**
 * Every Mirels band fraction num/den can be in: < 1/3, 1/3 - 2/3 (both ends included), > 2/3,
 * compared in exact decimal arithmetic so that 3.3 / 9.9 is exactly 1/3 (size 2) and 35.2 / 52.8
 * exactly 2/3 (size 2). One band, but two where binary noise puts a value stored just under 1/3 or
 * just over 2/3 (200/3 %) on it: on it as computed, its own side as stored (bandsBetween).
 */
export function mirelsSizeBandsOf(num: number, den: number): MirelsSizeBand[] {
  return bandsBetween(num, den, [ONE, ONE]);
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

const ALL_BANDS: MirelsSizeBand[] = ['under-one-third', 'one-to-two-thirds', 'over-two-thirds'];
const ONE: Fraction = { num: 1, den: 1 };

/** Where a length lies for a ratio: the patient's plane (CT, calibrated, magnification-corrected, typed), a radiograph's detector, or pixels. */
function ratioPlane(measured: MeasuredMm): 'patient' | 'detector' | 'pixels' {
  if (measured.spacingPlane === 'detector') return 'detector';
  return measured.spacingPlane === 'none' ? 'pixels' : 'patient';
}

/**
 * The factors [low, high] by which width / diameter as stored becomes the ratio in the patient: 1
 * when both lie in one plane (on one image the magnification cancels); 1/m-1 for a width at a
 * radiograph's detector over a diameter in the patient, 1-m the other way round, m the detector
 * length's largest magnification (1.3, or the larger factor its header states: magnificationFraction);
 * 1/m(width)-m(diameter) for two detector lengths whose magnifications differ (they lie on two
 * images); null (any ratio) for a length in pixels over one in mm.
 */
function ratioScale(width: MeasuredMm, diameter: MeasuredMm): [Fraction, Fraction] | null {
  const [w, d] = [ratioPlane(width), ratioPlane(diameter)];
  if (w === 'detector' && d === 'detector' && !sameMagnification(width, diameter)) {
    // Two headers stating different magnifications: two images, each length scaled by its own
    // factor in [1, m], so the ratio in the patient lies between 1/m(width) and m(diameter) times.
    const [mw, md] = [magnificationFraction(width), magnificationFraction(diameter)];
    return [{ num: mw.den, den: mw.num }, md];
  }
  if (w === d) return [ONE, ONE];
  if (w === 'pixels' || d === 'pixels') return null;
  const m = magnificationFraction(w === 'detector' ? width : diameter);
  return w === 'detector' ? [{ num: m.den, den: m.num }, ONE] : [ONE, { num: m.num, den: m.den }];
}

/** Whether two detector-plane lengths carry the same largest magnification (as lengths on one image do). */
function sameMagnification(a: MeasuredMm, b: MeasuredMm): boolean {
  return detectorMagnification(a) === detectorMagnification(b);
}

/** Sign of (num/den) x scale - threshold, exactly: the threshold divided by the scale instead (binary noise on it counts as on it, or not: compare). */
function compareScaled(num: number, den: number, scale: Fraction, threshold: Fraction, compare = compareRatio): -1 | 0 | 1 {
  return compare(num, den, { num: threshold.num * scale.den, den: threshold.den * scale.num });
}

/**
 * Every Mirels size band a ratio num/den scaled by a factor in [low, high] can fall in (both ends
 * included), or all of them for an unknown scale. Binary noise at a third is on it as computed and
 * on its stored side as an implementation reading the stored decimal scores it: a value stored
 * just under 1/3 is size 1-2, one stored just over 2/3 size 2-3 (rule set v10: the first was read
 * as size 2 only, a certainty the stored decimal denies).
 */
function bandsBetween(num: number, den: number, scale: [Fraction, Fraction] | null): MirelsSizeBand[] {
  if (!scale) return ALL_BANDS;
  const [low, high] = scale;
  const bands: MirelsSizeBand[] = [];
  if (compareScaled(num, den, low, MIRELS.sizeLower, compareStoredRatio) < 0) bands.push('under-one-third');
  if (compareScaled(num, den, low, MIRELS.sizeUpper) <= 0 && compareScaled(num, den, high, MIRELS.sizeLower) >= 0) bands.push('one-to-two-thirds');
  if (compareScaled(num, den, high, MIRELS.sizeUpper, compareStoredRatio) > 0) bands.push('over-two-thirds');
  return bands;
}

/** A length as the size shows it: "21 mm", "21 mm (detector)", "21 px". */
function lengthText(measured: MeasuredMm): string {
  const unit = measured.spacingPlane === 'none' ? 'px' : `mm${spacingPlaneSuffix(measured.spacingPlane ?? 'patient')}`;
  return `${formatNumber(measured.value)} ${unit}`;
}

/** Where the two lengths lie, in a reader's words, when the planes leave the fraction undecided. */
function planeMismatch(width: MeasuredMm, diameter: MeasuredMm): string {
  if (ratioPlane(width) === 'detector' && ratioPlane(diameter) === 'detector') {
    return `size (lesion width and bone diameter on the same image: they lie at the detectors of two radiographs, magnifications 1.0-${detectorMagnification(width)} and 1.0-${detectorMagnification(diameter)} not corrected)`;
  }
  const detector = ratioPlane(width) === 'detector' ? width : diameter;
  const where = { patient: 'in the patient', detector: `at a radiograph's detector (magnification 1.0-${detectorMagnification(detector)} not corrected)`, pixels: 'in pixels' } as const;
  return `size (lesion width and bone diameter in the same plane: the width is ${where[ratioPlane(width)]}, the diameter ${where[ratioPlane(diameter)]})`;
}

/** What leaves a size stored a binary rounding under 1/3 or over 2/3 undecided: on the third as computed, on its side as stored. */
function binaryNoiseMissing(value: string, bands: MirelsSizeBand[]): string {
  const [third, side] = bands.includes('under-one-third') ? ['1/3', 'under'] : ['2/3', 'over'];
  return `size (${value} is ${third} to binary rounding: on it as computed, ${side} it as stored; type the measured value to decide)`;
}

/** Mirels size band of a lesion under its chosen definition, or unknown with what is missing. */
export function mirelsSize(lesion: Lesion): MirelsSize {
  const definition = MIRELS_SIZE_DEFINITIONS[lesion.mirelsSizeDefinition];
  if (lesion.mirelsSizeDefinition === 'circumferential-fraction') {
    const pct = lesion.circumferentialInvolvementPct?.value;
    if (pct === undefined) return { band: null, possibleBands: ALL_BANDS, value: null, definition, missing: 'size (circumferential involvement, the chosen Mirels size definition)' };
    const figure = sizeFigure(pct, 100, 100);
    const fraction = figure.boundary ?? `${figure.shown}%`;
    const possibleBands = mirelsSizeBandsOf(pct, 100);
    const band = possibleBands.length === 1 ? possibleBands[0]! : null;
    const value = `${fraction} of the circumference${sourceSuffix(lesion.circumferentialInvolvementPct)}`;
    return { band, possibleBands, value, definition, missing: band === null ? binaryNoiseMissing(value, possibleBands) : null };
  }
  const width = lesion.lesionWidthMm;
  const diameter = lesion.boneDiameterMm;
  // A zero diameter is no measurement of the bone: the size stays unknown rather than infinite.
  if (width === null || diameter === null || diameter.value === 0) {
    const absent = [width === null ? 'lesion width' : null, diameter === null || diameter.value === 0 ? 'bone diameter' : null].filter(Boolean);
    return { band: null, possibleBands: ALL_BANDS, value: null, definition, missing: `size (${absent.join(' and ')} on the same image)` };
  }
  const scale = ratioScale(width, diameter);
  const possibleBands = bandsBetween(width.value, diameter.value, scale);
  const band = possibleBands.length === 1 ? possibleBands[0]! : null;
  const value = `${sizeFigure(width.value, diameter.value, 1).shown} (lesion width ${lengthText(width)} / bone diameter ${lengthText(diameter)})${sizeSources(lesion)}`;
  const samePlane = scale !== null && scale.every((k) => k.num === k.den);
  return { band, possibleBands, value, definition, missing: band === null ? (samePlane ? binaryNoiseMissing(value, possibleBands) : planeMismatch(width, diameter)) : null };
}
