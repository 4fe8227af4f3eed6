import { AppError } from '../errors';
import { dot, length } from '../geometry/vector3';
import { corticalArcNormal } from './cortical-arc';

/**
 * Largest angle between the involved slices and the cross-section the arc was drawn on. Beyond it
 * the slices cut the bone obliquely or lengthwise (a sagittal MR under an axial arc): their
 * first-to-last distance is then the lesion's extent across the bone, not along it.
 */
export const MAX_SLICE_TO_ARC_ANGLE_DEG = 10;

/**
 * Axial extent of cortical involvement from the first and last involved slices, by the phantom's
 * convention (ground-truth.json, AXIAL_CONVENTION): each involved slice counts as a whole slab, so
 * the extent is the distance between the two slice centres plus one spacing (= involved slice
 * count x spacing), measured along the normal of the cross-section the arc was drawn on (the
 * bone's axis as the reader cut it). Slices a few degrees off that cross-section are farther
 * apart along it than along their own normal; slices of another orientation are refused.
 * A gantry-tilted CT advances its tilted slices along the table, where a limb's long bone and the
 * spine lie: there the same slabs are farther apart along the table than along their normal (by
 * 1 / cos tilt), and the extent is the larger of the two, never understating the lesion.
 * @param firstCentre - a point on the first involved slice (world mm)
 * @param lastCentre - a point on the last involved slice (world mm)
 * @param sliceNormal - the slices' normal
 * @param spacingMm - the distance between adjacent slices along their normal
 * @param arcPoints - the cortical-involvement tool's four clicks (world mm)
 * @param stackDirection - the direction the series' slices advance in (from its first image's position to its last), if known
 */
export function axialExtentMm(firstCentre: readonly number[], lastCentre: readonly number[], sliceNormal: readonly number[], spacingMm: number, arcPoints: readonly (readonly number[])[], stackDirection?: readonly number[]): number {
  if (!(spacingMm > 0)) throw new RangeError('slice spacing must be positive');
  const normLength = length(sliceNormal);
  if (!(normLength > 0)) throw new RangeError('slice normal must not be zero');
  const arcNormal = corticalArcNormal(arcPoints);
  if (!arcNormal) throw new AppError('invalid_request', 'The cortical-involvement drawing has no plane (its clicks coincide): draw it again.');
  const cosine = Math.min(1, Math.abs(dot(arcNormal, sliceNormal)) / normLength);
  const angle = (Math.acos(cosine) * 180) / Math.PI;
  if (angle > MAX_SLICE_TO_ARC_ANGLE_DEG) {
    throw new AppError(
      'invalid_request',
      `These slices are not parallel to the plane the cortical involvement was drawn on (${Math.round(angle)} degrees apart): from first to last they measure the lesion across the bone, not along it. ` +
        'Mark the first and last involved slices on a series of the arc\'s orientation, or draw a Length along the bone on a sagittal or coronal image.',
    );
  }
  const along = Math.abs(dot(lastCentre.map((v, k) => v - firstCentre[k]!), sliceNormal)) / normLength;
  // Two parallel planes lie (along + spacing) apart along their normal, that over the cosine along
  // another direction: the arc's normal, or the table a tilted stack advances along, whichever is farther.
  const stackLength = stackDirection ? length(stackDirection) : 0;
  const stackCosine = stackLength > 0 ? Math.abs(dot(stackDirection!, sliceNormal)) / normLength / stackLength : 1;
  return (along + spacingMm) / Math.min(cosine, stackCosine > 0 ? stackCosine : 1);
}

/** The convention, worded for the UI. */
export const AXIAL_EXTENT_CONVENTION = 'Axial extent = involved slice count × slice spacing (first to last involved slice, each slice a whole slab)';
