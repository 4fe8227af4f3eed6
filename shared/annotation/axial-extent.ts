/**
 * Axial extent of cortical involvement from the first and last involved slices, by the phantom's
 * convention (ground-truth.json, AXIAL_CONVENTION): each involved slice counts as a whole slab, so
 * the extent is the distance between the two slice centres along the slice normal plus one
 * spacing (= involved slice count x spacing).
 * @param firstCentre - a point on the first involved slice (world mm)
 * @param lastCentre - a point on the last involved slice (world mm)
 * @param sliceNormal - the slices' normal (unit vector)
 * @param spacingMm - the distance between adjacent slice centres
 */
export function axialExtentMm(firstCentre: readonly number[], lastCentre: readonly number[], sliceNormal: readonly number[], spacingMm: number): number {
  if (!(spacingMm > 0)) throw new RangeError('slice spacing must be positive');
  const length = Math.hypot(sliceNormal[0]!, sliceNormal[1]!, sliceNormal[2]!);
  if (!(length > 0)) throw new RangeError('slice normal must not be zero');
  const along = [0, 1, 2].reduce((sum, k) => sum + (lastCentre[k]! - firstCentre[k]!) * sliceNormal[k]!, 0) / length;
  return Math.abs(along) + spacingMm;
}

/** The convention, worded for the UI. */
export const AXIAL_EXTENT_CONVENTION = 'Axial extent = involved slice count × slice spacing (first to last involved slice, each slice a whole slab)';
