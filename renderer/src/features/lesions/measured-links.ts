import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';
import type { MeasuredField } from './lesion-draft';
import type { SpacingPlane } from '@shared/dicom/measurement-spacing';

/** Largest |z| of a sagittal or coronal plane's normal (about 6 degrees of obliquity allowed). */
const LONG_AXIS_PLANE_TOLERANCE = 0.1;

/**
 * Whether an annotation was drawn on a plane that contains the patient's long axis (a sagittal or
 * coronal reformat, or such a source image: a sagittal MR): a Length there measures extent along
 * the bone, which an axial slice cannot show.
 */
export function onLongAxisPlane(annotation: AnnotationSnapshot): boolean {
  return annotation.viewPlaneNormal !== null && Math.abs(annotation.viewPlaneNormal[2]) <= LONG_AXIS_PLANE_TOLERANCE;
}

/**
 * Why the signed-in reader may not link a drawing to their lesion (another reader drew it: the
 * core refuses the link), or null when they may.
 * @param drawnBy - the stored drawing's reader, or null for one not stored yet (drawn on this page)
 * @param reader - the signed-in reader's initials, or null
 */
export function otherReadersDrawing(drawnBy: string | null, reader: string | null): string | null {
  return drawnBy !== null && drawnBy !== reader ? `Drawn by ${drawnBy}: link only your own measurements` : null;
}

/**
 * A tool's length in mm, or why it is not one: Cornerstone measures in pixels ("px") on an image
 * without Pixel Spacing and in a region's own unit on ultrasound; taken as mm, a 20 px lesion would
 * read 20 mm whatever its size. Our own tools name no unit: they measure in mm.
 */
function lengthInMm(stats: AnnotationSnapshot['stats'], length: number): { value: number } | { problem: string } {
  const unit = stats['unit'];
  if (typeof unit !== 'string' || unit === 'mm') return { value: length };
  return { problem: `This Length measures ${length} ${unit}, not in mm (the image has no pixel spacing in mm): type the value in mm instead.` };
}

/** Whether a plane is a projection radiograph's (measurementSpacing): a Length along the bone there is its axial extent. */
const onProjection = (plane: SpacingPlane) => plane === 'detector' || plane === 'calibrated' || plane === 'magnification-corrected';

/**
 * The value a selected annotation gives a measured field, or why it gives none.
 * @param plane - where the lengths of the annotation's image lie (measurementSpacing; 'patient' on a reformat)
 */
export function valueFromAnnotation(field: MeasuredField, annotation: AnnotationSnapshot | null, plane: SpacingPlane = 'patient'): { value: number } | { problem: string } {
  if (!annotation) return { problem: 'Select an annotation first (click it on the image or in Measurements).' };
  const s = annotation.stats;
  const number = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : null);
  // A length in pixels is no length in mm: a lesion record would hold a pixel count as millimetres
  // (a length naming another unit is refused by lengthInMm).
  if (field !== 'circumferentialInvolvementPct' && plane === 'none') {
    return { problem: 'This image has no pixel spacing: its lengths are in pixels, not mm. Measure on an image with a spacing, or type the value.' };
  }
  if (field === 'largestDimensionMm') {
    const length = annotation.toolName === 'Length' || annotation.toolName === 'Bidirectional' ? number('length') : null;
    return length === null ? { problem: 'A Length or Bidirectional measurement gives the largest dimension.' } : lengthInMm(s, length);
  }
  if (field === 'lesionWidthMm' || field === 'boneDiameterMm') {
    // Mirels' size reads both on the same image: each is a Length across the bone.
    const length = annotation.toolName === 'Length' ? number('length') : null;
    const what = field === 'lesionWidthMm' ? 'the lesion across the bone' : 'the bone from cortex to cortex';
    return length === null ? { problem: `A Length across ${what} gives this value (measure width and diameter on the same image).` } : lengthInMm(s, length);
  }
  if (field === 'circumferentialInvolvementPct') {
    const arc = annotation.toolName === 'CorticalInvolvement' ? number('arcPercent') : null;
    return arc === null ? { problem: 'The cortical-involvement tool gives the circumferential involvement.' } : { value: arc };
  }
  // On a radiograph a Length along the bone measures the axial extent (Van der Linden measured it so).
  // A cross-section's plane (a CT or MR image, a reformat) must hold the long axis; a projection holds it by nature.
  if (annotation.toolName === 'Length' && ((plane === 'patient' && onLongAxisPlane(annotation)) || (annotation.image !== null && onProjection(plane)))) {
    const length = number('length');
    return length === null ? { problem: 'The Length has no measured value yet.' } : lengthInMm(s, length);
  }
  const axial = annotation.toolName === 'CorticalInvolvement' ? number('axialExtentMm') : null;
  return axial === null
    ? { problem: 'Draw a Length along the bone on a sagittal or coronal image or reformat or on a radiograph, or record the first and last involved slices on a cortical-involvement annotation.' }
    : { value: axial };
}
