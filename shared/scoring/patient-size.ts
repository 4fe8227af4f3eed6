import type { MeasuredMm } from '../lesion/measurement';
import { MAX_PROJECTION_MAGNIFICATION, MAX_PROJECTION_MAGNIFICATION_FRACTION, detectorMagnification } from '../dicom/measurement-spacing';
import { formatNumber } from './format';
import { compareRatio, type Fraction } from './exact-fraction';

/**
 * The sizes in the patient a measured length allows: the value itself in the patient plane (a CT,
 * a calibrated or magnification-corrected radiograph, a typed value); at a radiograph's detector,
 * the value divided by 1.0 to its largest magnification (detectorMagnificationFraction: 1.3, or the
 * larger factor its header states; never larger than the value: an object between source and
 * detector is magnified); measured in pixels, any size at all.
 */
export function patientSizeBounds(measured: MeasuredMm): [number, number] {
  const { value, spacingPlane } = measured;
  if (spacingPlane === 'detector') {
    const m = detectorMagnificationFraction(measured);
    return [(value * m.den) / m.num, value];
  }
  if (spacingPlane === 'none') return [0, Number.POSITIVE_INFINITY];
  return [value, value];
}

/** The largest magnification a detector-plane length may carry (kept beside the plane note that states it). */
export { detectorMagnification };

/** A detector-plane length's largest magnification as an exact fraction (1.3 = 13/10; a header's 1.85 = 185/100). */
export function detectorMagnificationFraction(measured: MeasuredMm): Fraction {
  const stated = detectorMagnification(measured);
  if (stated === MAX_PROJECTION_MAGNIFICATION) return MAX_PROJECTION_MAGNIFICATION_FRACTION;
  const decimals = Math.min(6, (String(stated).split('.')[1] ?? '').length);
  const den = 10 ** decimals;
  // Rounded up at the sixth decimal: a range never narrower than the header allows.
  return { num: Math.ceil(stated * den - 1e-9), den };
}

/**
 * Side of a threshold (-1 under, 0 on, 1 over) the smallest and the largest size in the patient a
 * length allows lie on. At the detector the smallest, value / magnification, is compared exactly
 * (value / threshold against the magnification's fraction, compareRatio): in binary, 42 mm over
 * 1.4 is 30.000000000000004 mm and 34 mm over 1.36 is 24.999999999999996 mm, each exactly the limit.
 */
function sidesOf(measured: MeasuredMm, threshold: number): [number, number] {
  const [lo, hi] = patientSizeBounds(measured);
  const side = (v: number) => Math.sign(v - threshold);
  if (measured.spacingPlane !== 'detector' || !(threshold > 0)) return [side(lo), side(hi)];
  return [compareRatio(measured.value, threshold, detectorMagnificationFraction(measured)), side(hi)];
}

/**
 * Whether a measured length exceeds a threshold in the patient: true or false when every size it
 * allows does or does not, null when the magnification decides (the criterion stays possible).
 * @param inclusive - the threshold itself counts (">= 25 mm")
 */
export function exceedsInPatient(measured: MeasuredMm, threshold: number, inclusive = false): boolean | null {
  const [lo, hi] = sidesOf(measured, threshold);
  const over = (side: number) => (inclusive ? side >= 0 : side > 0);
  if (over(lo)) return true;
  if (!over(hi)) return false;
  return null;
}

/**
 * A measured length as a component or reason shows it: "34 mm", or on a radiograph's detector
 * "34 mm at the detector (26.15-34 mm in the patient)", or in pixels "34 px (no spacing)".
 * @param thresholds - the limits it is compared with, if any (formatNumber never rounds onto them)
 */
export function formatPatientSize(measured: MeasuredMm, ...thresholds: number[]): string {
  // At the detector a length decides each limit at the limit times its largest magnification: it is kept off those too.
  const atDetector = measured.spacingPlane === 'detector' ? thresholds.map((t) => t * detectorMagnification(measured)) : [];
  const shown = formatNumber(measured.value, ...thresholds, ...atDetector);
  if (measured.spacingPlane === 'none') return `${shown} px (no pixel spacing: size in the patient unknown)`;
  if (measured.spacingPlane !== 'detector') return `${shown} mm`;
  // The smallest size exactly on a limit is shown as the limit (never 24.999999999999996 for 25).
  const lo = thresholds.find((t) => sidesOf(measured, t)[0] === 0) ?? patientSizeBounds(measured)[0];
  return `${shown} mm at the detector (${formatNumber(lo, ...thresholds)}-${shown} mm in the patient, magnification 1.0-${detectorMagnification(measured)} not corrected)`;
}
