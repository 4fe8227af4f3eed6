import type { InstanceSummary } from './series';

const ORIENTATION_TOLERANCE = 1e-3;

/** Images that share one Image Orientation (Patient), within 1e-3 of each cosine. */
export interface OrientationGroup {
  orientation: readonly number[];
  images: InstanceSummary[];
}

/**
 * Splits placed images by orientation, largest group first (ties: the group met first).
 * @param placed - images that all have a position and an orientation
 */
export function orientationGroups(placed: readonly InstanceSummary[]): OrientationGroup[] {
  const groups: OrientationGroup[] = [];
  for (const image of placed) {
    const iop = image.imageOrientationPatient!;
    const group = groups.find((g) => iop.every((v, k) => Math.abs(v - g.orientation[k]!) <= ORIENTATION_TOLERANCE));
    if (group) group.images.push(image);
    else groups.push({ orientation: iop, images: [image] });
  }
  return groups.sort((a, b) => b.images.length - a.images.length);
}

/** The plane an orientation is closest to, as a reader names it. */
export function planeName(orientation: readonly number[]): string {
  const normal = [
    orientation[1]! * orientation[5]! - orientation[2]! * orientation[4]!,
    orientation[2]! * orientation[3]! - orientation[0]! * orientation[5]!,
    orientation[0]! * orientation[4]! - orientation[1]! * orientation[3]!,
  ].map(Math.abs);
  const axis = normal.indexOf(Math.max(...normal));
  const name = ['sagittal', 'coronal', 'axial'][axis]!;
  return normal[axis]! > 0.99 ? name : `oblique (nearest ${name})`;
}
