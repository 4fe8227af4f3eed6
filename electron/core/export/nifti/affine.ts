// The voxel-to-world affine of a NIfTI volume from DICOM geometry. DICOM patient coordinates are
// LPS (x to the patient's left, y posterior, z head); NIfTI world coordinates are RAS, so x and y
// change sign. Voxel (i, j, k) = (column, row, slice in spatial order).

import { cross, dot } from '@shared/geometry/vector3';
import type { ImagePlane, PatientVector as Vec3 } from '../../dicom/image-plane';

/** What the affine is built from: the first slice's plane and the step between slices. */
export interface VolumeGeometry extends ImagePlane {
  /** Patient-space step from one slice to the next (last position - first position) / (n - 1). */
  sliceStep: Vec3;
}

/** The 3 x 4 RAS affine rows. */
export function rasAffine(g: VolumeGeometry): [number[], number[], number[]] {
  const flip = [-1, -1, 1];
  const col = g.rowDirection.map((v) => v * g.spacing[1]); // moving one column
  const row = g.columnDirection.map((v) => v * g.spacing[0]); // moving one row
  return [0, 1, 2].map((axis) => [flip[axis]! * col[axis]!, flip[axis]! * row[axis]!, flip[axis]! * g.sliceStep[axis]!, flip[axis]! * g.position[axis]!]) as [number[], number[], number[]];
}

/**
 * The NIfTI quaternion form of an affine whose 3 x 3 part is a rotation times positive scales
 * (nifti1_io.c nifti_mat44_to_quatern), or null when the axes are not orthogonal (a gantry tilt):
 * then only the sform is valid.
 */
export function quaternionOf(affine: [number[], number[], number[]]): { b: number; c: number; d: number; qfac: number; offset: Vec3 } | null {
  const columns = [0, 1, 2].map((c) => [affine[0]![c]!, affine[1]![c]!, affine[2]![c]!]);
  const norms = columns.map((v) => Math.hypot(v[0]!, v[1]!, v[2]!));
  if (norms.some((n) => n === 0)) return null;
  const r = columns.map((v, i) => v.map((x) => x / norms[i]!)); // r[column][row]
  if (Math.abs(dot(r[0]!, r[1]!)) > 1e-4 || Math.abs(dot(r[0]!, r[2]!)) > 1e-4 || Math.abs(dot(r[1]!, r[2]!)) > 1e-4) return null;
  const m = (row: number, col: number) => r[col]![row]!;
  const det = m(0, 0) * (m(1, 1) * m(2, 2) - m(1, 2) * m(2, 1)) - m(0, 1) * (m(1, 0) * m(2, 2) - m(1, 2) * m(2, 0)) + m(0, 2) * (m(1, 0) * m(2, 1) - m(1, 1) * m(2, 0));
  const qfac = det < 0 ? -1 : 1;
  // With qfac -1 the third column is negated so that what remains is a proper rotation.
  const R = (row: number, col: number) => (col === 2 ? qfac * m(row, col) : m(row, col));
  const trace = R(0, 0) + R(1, 1) + R(2, 2) + 1;
  let a: number, b: number, c: number, d: number;
  if (trace > 0.5) {
    a = 0.5 * Math.sqrt(trace);
    b = 0.25 * (R(2, 1) - R(1, 2)) / a;
    c = 0.25 * (R(0, 2) - R(2, 0)) / a;
    d = 0.25 * (R(1, 0) - R(0, 1)) / a;
  } else {
    const xd = 1 + R(0, 0) - (R(1, 1) + R(2, 2));
    const yd = 1 + R(1, 1) - (R(0, 0) + R(2, 2));
    const zd = 1 + R(2, 2) - (R(0, 0) + R(1, 1));
    if (xd > 1) {
      b = 0.5 * Math.sqrt(xd);
      c = 0.25 * (R(0, 1) + R(1, 0)) / b;
      d = 0.25 * (R(0, 2) + R(2, 0)) / b;
      a = 0.25 * (R(2, 1) - R(1, 2)) / b;
    } else if (yd > 1) {
      c = 0.5 * Math.sqrt(yd);
      b = 0.25 * (R(0, 1) + R(1, 0)) / c;
      d = 0.25 * (R(1, 2) + R(2, 1)) / c;
      a = 0.25 * (R(0, 2) - R(2, 0)) / c;
    } else {
      d = 0.5 * Math.sqrt(zd);
      b = 0.25 * (R(0, 2) + R(2, 0)) / d;
      c = 0.25 * (R(1, 2) + R(2, 1)) / d;
      a = 0.25 * (R(1, 0) - R(0, 1)) / d;
    }
    if (a < 0) [a, b, c, d] = [-a, -b, -c, -d];
  }
  return { b, c, d, qfac, offset: [affine[0]![3]!, affine[1]![3]!, affine[2]![3]!] };
}

/**
 * The geometry with its slice step turned onto the slice normal (same length and side), when that
 * moves no slice of an `n`-slice stack more than `allowedMm`: positions rounded in the DICOM
 * (often to 0.1 mm) tilt the step through the first and last slices by a few hundredths of a
 * degree, which would cost the file its qform. Null when the tilt is real (a gantry tilt).
 */
export function squaredOff(g: VolumeGeometry, n: number, allowedMm: number): VolumeGeometry | null {
  const normal = cross(g.rowDirection, g.columnDirection);
  const along = dot(g.sliceStep, normal);
  const across = Math.hypot(...[0, 1, 2].map((a) => g.sliceStep[a]! - along * normal[a]!));
  if (across * Math.max(1, n - 1) > allowedMm) return null;
  const length = Math.hypot(...g.sliceStep) * Math.sign(along || 1);
  return { ...g, sliceStep: normal.map((v) => v * length) as Vec3 };
}
