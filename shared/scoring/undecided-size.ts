import type { MeasuredMm } from '../lesion/measurement';
import { detectorMagnification, formatPatientSize } from './patient-size';

/**
 * The note of a size criterion a radiograph's length cannot decide: what was measured, the range
 * in the patient, and how to decide it (a calibrated image, or a CT).
 * @param what - the input's name ("axial cortical involvement")
 * @param criterion - the threshold as written ("> 30 mm")
 * @param thresholds - the limit(s) in mm, so that the figures shown are never rounded onto them
 */
export function undecidedSizeNote(what: string, measured: MeasuredMm, criterion: string, ...thresholds: number[]): string {
  const why = measured.spacingPlane === 'none' ? 'measured in pixels' : `magnification 1.0-${detectorMagnification(measured)} not corrected`;
  return `${what} ${formatPatientSize(measured, ...thresholds)}: ${criterion} undecided (${why}); measure it on a calibrated radiograph or on CT to decide`;
}
