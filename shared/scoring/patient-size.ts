import type { MeasuredMm } from '../lesion/measurement';
import { detectorMagnification, MAX_PROJECTION_MAGNIFICATION, MAX_PROJECTION_MAGNIFICATION_FRACTION } from '../dicom/measurement-spacing';
import { formatNumber } from './format';
import { compareStoredRatio, type Fraction } from './exact-fraction';

/**
 * The sizes in the patient a measured length allows: the value itself in the patient plane (a CT,
 * a calibrated or magnification-corrected radiograph, a typed value); at a radiograph's detector,
 * the value divided by 1.0 to detectorMagnification (1.3, or the larger factor its header states;
 * never larger than the value: an object between source and detector is magnified); measured in
 * pixels, any size at all.
 */
export function patientSizeBounds(measured: MeasuredMm): [number, number] {
  const { value, spacingPlane } = measured;
  if (spacingPlane === 'detector') return [value / detectorMagnification(measured), value];
  if (spacingPlane === 'none') return [0, Number.POSITIVE_INFINITY];
  return [value, value];
}

/** The largest magnification a detector-plane length may carry (kept beside the plane note that states it). */
export { detectorMagnification };

/** A detector-plane length's largest magnification as an exact fraction (1.3 = 13/10; a header's 1.85 = 185/100). */
export function magnificationFraction(measured: MeasuredMm): Fraction {
  const stated = detectorMagnification(measured);
  if (stated === MAX_PROJECTION_MAGNIFICATION) return MAX_PROJECTION_MAGNIFICATION_FRACTION;
  const decimals = Math.min(6, (String(stated).split('.')[1] ?? '').length);
  const den = 10 ** decimals;
  // Rounded up at the sixth decimal: a range never narrower than the header allows.
  return { num: Math.ceil(stated * den - 1e-9), den };
}

/**
 * Whether a measured length exceeds a threshold in the patient: true or false when every size it
 * allows does or does not, null when the magnification decides (the criterion stays possible).
 * At the detector the smallest size, value / m, is compared as value / threshold against m in the
 * stored decimals: 42 mm at 1.4 is 30 mm exactly, which a division in doubles puts a hair above.
 * @param inclusive - the threshold itself counts (">= 25 mm")
 */
export function exceedsInPatient(measured: MeasuredMm, threshold: number, inclusive = false): boolean | null {
  const [lo, hi] = patientSizeBounds(measured);
  const over = (v: number) => (inclusive ? v >= threshold : v > threshold);
  const sign = (s: number) => (inclusive ? s >= 0 : s > 0);
  const smallestOver = measured.spacingPlane === 'detector' && threshold > 0 ? sign(compareStoredRatio(measured.value, threshold, magnificationFraction(measured))) : over(lo);
  if (smallestOver) return true;
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
  const [lo] = patientSizeBounds(measured);
  // Exactly a limit at the largest magnification (42 mm at 1.4): shown as the limit, not the hair a division in doubles leaves off it.
  const onLimit = thresholds.find((t) => t > 0 && compareStoredRatio(measured.value, t, magnificationFraction(measured)) === 0);
  const smallest = onLimit !== undefined ? String(onLimit) : formatLowerEnd(lo, thresholds);
  return `${shown} mm at the detector (${smallest}-${shown} mm in the patient, magnification 1.0-${detectorMagnification(measured)} not corrected)`;
}

/**
 * A range's smallest value as shown: cut down at two decimals (more only to stay off a limit), never
 * rounded up, since a range shown narrower than the inputs allow claims more than they do.
 */
function formatLowerEnd(lowest: number, thresholds: readonly number[]): string {
  for (let digits = 2; digits <= 15; digits++) {
    const scale = 10 ** digits;
    const cut = Math.floor(lowest * scale) / scale;
    if (cut <= lowest && thresholds.every((t) => Math.sign(cut - t) === Math.sign(lowest - t))) return String(cut);
  }
  return String(lowest);
}
