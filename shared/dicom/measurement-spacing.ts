import { z } from 'zod';

/**
 * Where an image's measuring spacing lies, the one rule the viewer, the panel, the SR writer, the
 * referral packet, the exports and the scores share (DICOM PS3.3 10.7.1.3 Basic Pixel Spacing
 * Calibration Macro, C.8.11.7 DX Detector; Cornerstone3D's getPixelSpacingInformation):
 * - patient: a cross-sectional image (CT, MR, ...): Pixel Spacing is in the patient;
 * - calibrated: a projection image whose Pixel Spacing was calibrated to the patient (FIDUCIAL, or
 *   differing from Imager Pixel Spacing without a stated type, which PS3.3 calls calibrated);
 * - magnification-corrected: a projection image's detector spacing corrected by the estimated
 *   radiographic magnification (Pixel Spacing Calibration Type GEOMETRY, or Imager Pixel Spacing
 *   divided by Estimated Radiographic Magnification Factor);
 * - detector: a projection image's spacing at the detector, not corrected: a length in it
 *   overstates the patient's by the magnification (about 1.0-1.3);
 * - none: no usable spacing: lengths are in pixels.
 */
export const SpacingPlaneSchema = z.enum(['patient', 'calibrated', 'magnification-corrected', 'detector', 'none']);
export type SpacingPlane = z.infer<typeof SpacingPlaneSchema>;

/** The header attributes the rule reads (as the index keeps them). */
export interface SpacingAttributes {
  sopClassUid: string;
  /** Pixel Spacing (0028,0030): between rows, then columns. */
  pixelSpacing: readonly [number, number] | null;
  /** Imager Pixel Spacing (0018,1164): at the detector plane. */
  imagerPixelSpacing?: readonly [number, number] | null;
  /** Pixel Spacing Calibration Type (0028,0A02): GEOMETRY or FIDUCIAL. */
  pixelSpacingCalibrationType?: string | null;
  /** Estimated Radiographic Magnification Factor (0018,1114). */
  magnificationFactor?: number | null;
}

/**
 * The largest magnification a record carries, shared by the spacing rule and the lesion record
 * (MeasuredMmSchema). No projection of a bone comes near it (100 would put the bone a hundredth
 * of the way from the source to the detector): a stated factor at or beyond it is not credible, the
 * magnification is then not known, and its lengths carry this bound, every credible factor allowed.
 */
export const MAX_STATED_MAGNIFICATION = 100;

/** An image's measuring spacing (mm between rows, then columns; null: pixels) and where it lies. */
export const MeasurementSpacingSchema = z.object({
  spacing: z.tuple([z.number().positive(), z.number().positive()]).nullable(),
  plane: SpacingPlaneSchema,
  /**
   * At the detector: the largest magnification its lengths may carry, when the header states one
   * above the plausible 1.0-MAX_PROJECTION_MAGNIFICATION (absent: that range). Such a factor is not
   * applied as exact: it widens the range of patient sizes a length allows. At most
   * MAX_STATED_MAGNIFICATION, the bound the lesion record shares (there: the magnification not known).
   */
  maxMagnification: z.number().min(1).max(MAX_STATED_MAGNIFICATION).optional(),
});
export type MeasurementSpacing = z.infer<typeof MeasurementSpacingSchema>;

/**
 * The largest magnification a projection radiograph of a bone plausibly has when nothing corrects
 * it: source-to-detector 100 cm with the bone up to 23 cm above the detector (a lateral femur, a
 * thick thigh) gives 100 / 77 = 1.3. A detector-plane length is the patient's times 1.0 to this.
 * Kept as a fraction so that ratios scaled by it compare exactly with Mirels' thirds.
 */
export const MAX_PROJECTION_MAGNIFICATION_FRACTION = { num: 13, den: 10 } as const;
/** MAX_PROJECTION_MAGNIFICATION_FRACTION as a number (1.3). */
export const MAX_PROJECTION_MAGNIFICATION = MAX_PROJECTION_MAGNIFICATION_FRACTION.num / MAX_PROJECTION_MAGNIFICATION_FRACTION.den;

/** Projection radiograph SOP classes (Cornerstone3D's list): CR, DX, mammography, intra-oral, XA, XRF. */
const PROJECTION_SOP_CLASSES = new Set([
  '1.2.840.10008.5.1.4.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.1.1',
  '1.2.840.10008.5.1.4.1.1.1.2',
  '1.2.840.10008.5.1.4.1.1.1.2.1',
  '1.2.840.10008.5.1.4.1.1.1.3',
  '1.2.840.10008.5.1.4.1.1.1.3.1',
  '1.2.840.10008.5.1.4.1.1.12.1',
  '1.2.840.10008.5.1.4.1.1.12.1.1',
  '1.2.840.10008.5.1.4.1.1.12.2',
  '1.2.840.10008.5.1.4.1.1.12.2.1',
  '1.2.840.10008.5.1.4.1.1.12.3',
]);

/** Whether an image is a projection radiograph: by its SOP class, or by a stated Imager Pixel Spacing. */
export function isProjectionImage(image: Pick<SpacingAttributes, 'sopClassUid' | 'imagerPixelSpacing'>): boolean {
  return PROJECTION_SOP_CLASSES.has(image.sopClassUid) || usable(image.imagerPixelSpacing ?? null) !== null;
}

/** A spacing pair both of whose values are finite and positive, else null (0\0 means none). */
function usable(spacing: readonly [number, number] | null): [number, number] | null {
  return spacing && spacing.every((v) => Number.isFinite(v) && v > 0) ? [spacing[0], spacing[1]] : null;
}

/** Two spacings that agree within 0.5%: the same value written to different precision, not a calibration (a real one changes it by the magnification, 2% or more). */
function sameSpacing(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a.every((v, k) => Math.abs(v - b[k]!) <= 0.005 * Math.max(v, b[k]!));
}

/**
 * A stated magnification factor applied as exact: one in the plausible range for a projection of a
 * bone, 1.0 (an object between source and detector is never smaller there) to MAX_PROJECTION_MAGNIFICATION.
 */
function plausibleMagnification(factor: number | null | undefined): number | null {
  return typeof factor === 'number' && Number.isFinite(factor) && factor >= 1 && factor <= MAX_PROJECTION_MAGNIFICATION ? factor : null;
}

/**
 * A stated factor above the plausible range (a C-arm close to its source, a magnification view, or a
 * wrong header): never applied as exact, where a wrong one would shrink a lesion under a limit, nor
 * ignored, where a right one would leave the detector's 1.0-1.3 range claiming a size the patient
 * may not have. It widens that range to it. One at or beyond MAX_STATED_MAGNIFICATION (infinite
 * too) is not credible: the magnification is not known, and the range widens to that bound. Below 1
 * a factor is impossible and says nothing.
 */
function widenedMagnification(factor: number | null | undefined): number | null {
  if (typeof factor !== 'number' || Number.isNaN(factor) || factor <= MAX_PROJECTION_MAGNIFICATION) return null;
  return Math.min(factor, MAX_STATED_MAGNIFICATION);
}

/** The spacing the viewer measures an image with, and where it lies (see SpacingPlaneSchema). */
export function measurementSpacing(image: SpacingAttributes): MeasurementSpacing {
  const pixel = usable(image.pixelSpacing);
  if (!isProjectionImage(image)) return pixel ? { spacing: pixel, plane: 'patient' } : { spacing: null, plane: 'none' };
  const imager = usable(image.imagerPixelSpacing ?? null);
  const type = (image.pixelSpacingCalibrationType ?? '').trim().toUpperCase();
  const calibratedAway = pixel !== null && (imager === null || !sameSpacing(pixel, imager));
  if (pixel && type === 'FIDUCIAL') return { spacing: pixel, plane: 'calibrated' };
  // GEOMETRY that left the detector spacing as it was corrected nothing: it stays at the detector.
  if (pixel && type === 'GEOMETRY' && calibratedAway) return { spacing: pixel, plane: 'magnification-corrected' };
  if (pixel && imager && calibratedAway) return { spacing: pixel, plane: 'calibrated' };
  const factor = plausibleMagnification(image.magnificationFactor);
  const detector = imager ?? pixel;
  if (!detector) return { spacing: null, plane: 'none' };
  if (factor !== null && imager) return { spacing: [imager[0] / factor, imager[1] / factor], plane: 'magnification-corrected' };
  const widened = widenedMagnification(image.magnificationFactor);
  if (widened !== null) return { spacing: detector, plane: 'detector', maxMagnification: widened };
  // Pixel Spacing equal to Imager Pixel Spacing, Imager Pixel Spacing alone, or a projection's
  // Pixel Spacing with no word on its plane: all taken at the detector, the plane that never
  // understates a size.
  return { spacing: detector, plane: 'detector' };
}

/** How the unit names the plane after "mm": "" for a cross-section, else the plane in brackets ("mm (detector)"). */
export function spacingPlaneSuffix(plane: SpacingPlane): string {
  switch (plane) {
    case 'calibrated':
      return ' (calibrated)';
    case 'magnification-corrected':
      return ' (magnification-corrected)';
    case 'detector':
      return ' (detector)';
    default:
      return '';
  }
}

/** The words of a detector plane note that name its largest magnification, which a report's reader (restoreLesion) reads back. */
const DIVIDED_BY = "the patient's size is this divided by 1.0 to ";

/**
 * The largest magnification a detector plane note (spacingPlaneNote) states, when above the
 * plausible 1.3 (capped at MAX_STATED_MAGNIFICATION), else undefined: what a report restores, so
 * that a length keeps the range it was scored with.
 */
export function planeNoteMagnification(note: string | null | undefined): number | undefined {
  const at = note?.indexOf(DIVIDED_BY) ?? -1;
  if (!note || at < 0) return undefined;
  const factor = Number(/^\d+(?:\.\d+)?/.exec(note.slice(at + DIVIDED_BY.length))?.[0] ?? NaN);
  return Number.isFinite(factor) && factor > MAX_PROJECTION_MAGNIFICATION ? Math.min(factor, MAX_STATED_MAGNIFICATION) : undefined;
}

/**
 * The largest magnification a detector-plane length may carry: the plausible 1.3, or the larger
 * factor its image's header states (never less: a smaller one is within 1.0-1.3 already). The one
 * the scores (patientSizeBounds) and the export notes (spacingPlaneNote) both take.
 */
export function detectorMagnification(measured: { maxMagnification?: number | undefined }): number {
  return Math.max(MAX_PROJECTION_MAGNIFICATION, measured.maxMagnification ?? MAX_PROJECTION_MAGNIFICATION);
}

/** What a reader of an export needs told about a plane, or null when a length in it is the patient's. */
export function spacingPlaneNote(plane: SpacingPlane, maxMagnification?: number): string | null {
  if (plane === 'detector') {
    const largest = detectorMagnification({ maxMagnification });
    const stated =
      largest === MAX_PROJECTION_MAGNIFICATION
        ? ''
        : largest >= MAX_STATED_MAGNIFICATION
          ? ` (magnification not known: the header states a factor of ${MAX_STATED_MAGNIFICATION} or more, which no projection of a bone has, so every credible one is allowed)`
          : ` (the header states ${largest}, outside the plausible 1.0-${MAX_PROJECTION_MAGNIFICATION}, so not applied as exact)`;
    return `measured at the detector plane, not corrected for radiographic magnification: ${DIVIDED_BY}${largest}${stated}`;
  }
  if (plane === 'magnification-corrected') return 'corrected to the patient plane by the estimated radiographic magnification';
  if (plane === 'calibrated') return 'Pixel Spacing calibrated to the patient plane';
  return null;
}
