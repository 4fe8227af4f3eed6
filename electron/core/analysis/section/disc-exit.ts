import { inPlanePoint, type SectionFrame } from './section-frame';
import { NOT_IMAGED_HU } from '../volume/not-imaged';
import { sampleNearest, worldToIndex, type Volume } from '../volume/volume';

/** Points checked on a disc's rim. */
const RIM_POINTS = 48;

/**
 * Where a section's outline leaves what was imaged: 'slices' past the first or last slice (the end
 * of the series along its normal), 'field' out of the images' rows and columns or into padding (the
 * field of view in plane), or null when all of it was imaged.
 */
export type OutlineExit = 'slices' | 'field' | null;

/**
 * Where a star-shaped outline about a section's centre leaves what was imaged, if it does. What was
 * imaged (the slab of slices, the images' rectangle, the scanner's circle) is convex: an outline
 * whose points and centre lie in it lies in it, with everything between. A point is imaged when its
 * nearest voxel is: interpolated, padding read as -32768 would reach a voxel further in than -3024.
 * @param radii - the outline's distance from the centre (mm) at angles 2 pi n / radii.length from the frame's u towards v
 */
export function outlineExit(volume: Volume, frame: SectionFrame, centre: readonly number[], radii: ArrayLike<number>): OutlineExit {
  let exit: OutlineExit = null;
  for (let n = 0; n <= radii.length; n++) {
    const angle = (2 * Math.PI * n) / radii.length;
    const point = n === radii.length ? centre : inPlanePoint(frame, centre, radii[n]! * Math.cos(angle), radii[n]! * Math.sin(angle));
    const [i, j, k] = worldToIndex(volume, point);
    if (!(k >= 0 && k <= volume.slices - 1)) return 'slices';
    if (!(i >= 0 && j >= 0 && i <= volume.columns - 1 && j <= volume.rows - 1) || sampleNearest(volume, i, j, k) === NOT_IMAGED_HU) exit = 'field';
  }
  return exit;
}

/** Where the disc of a radius about a section's centre (in the frame's plane) leaves what was imaged, if it does. */
export function discExit(volume: Volume, frame: SectionFrame, centre: readonly number[], radiusMm: number): OutlineExit {
  return outlineExit(volume, frame, centre, new Float32Array(RIM_POINTS).fill(radiusMm));
}
