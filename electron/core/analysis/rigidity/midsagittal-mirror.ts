import type { Vector3 } from '@shared/geometry/vector3';
import { median } from '../math/statistics';
import type { Volume } from '../volume/volume';

/** Tissue denser than this is body (not air, not lung). */
const BODY_HU = -400;

/**
 * The patient x (left-right) of the body's midsagittal plane: per slice the mean x of the body's
 * voxels, then the median over the slices. The plane is taken normal to patient x: a patient
 * lying straight on the table, as for a CT of both limbs.
 */
export function midsagittalX(volume: Volume): number | null {
  const perSlice: number[] = [];
  const stepK = Math.max(1, Math.floor(volume.slices / 40));
  // x of voxel (i, j, k) is linear in i, j, k.
  const ox = volume.origin[0];
  const xi = volume.spacing[0] * volume.rowDir[0];
  const xj = volume.spacing[1] * volume.columnDir[0];
  const xk = volume.spacing[2] * volume.sliceDir[0];
  for (let k = 0; k < volume.slices; k += stepK) {
    let sum = 0;
    let count = 0;
    for (let j = 0; j < volume.rows; j += 2) {
      const row = (k * volume.rows + j) * volume.columns;
      for (let i = 0; i < volume.columns; i += 2) {
        if (volume.hu[row + i]! <= BODY_HU) continue;
        sum += ox + i * xi + j * xj + k * xk;
        count++;
      }
    }
    if (count > 0) perSlice.push(sum / count);
  }
  return median(perSlice);
}

/** A point mirrored across the plane x = midX. */
export function mirrorAcross(point: readonly number[], midX: number): Vector3 {
  return [2 * midX - point[0]!, point[1]!, point[2]!];
}
