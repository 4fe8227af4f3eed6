import { dot, subtract, type Vector3 } from '@shared/geometry/vector3';

/**
 * A CT volume in Hounsfield units on a regular grid placed in patient (LPS) space. Voxel (i, j, k)
 * is column i, row j of slice k; its centre is origin + i*spacing[0]*rowDir + j*spacing[1]*columnDir
 * + k*spacing[2]*sliceDir (DICOM: rowDir = IOP[0..2], the direction along a row).
 */
export interface Volume {
  hu: Int16Array;
  columns: number;
  rows: number;
  slices: number;
  origin: Vector3;
  rowDir: Vector3;
  columnDir: Vector3;
  /** Unit normal from slice k to slice k + 1. */
  sliceDir: Vector3;
  /** Column spacing, row spacing, slice spacing (mm). */
  spacing: Vector3;
}

/** The continuous voxel index (i, j, k) of a patient point. */
export function worldToIndex(volume: Volume, point: readonly number[]): Vector3 {
  const d = subtract(point, volume.origin);
  return [dot(d, volume.rowDir) / volume.spacing[0], dot(d, volume.columnDir) / volume.spacing[1], dot(d, volume.sliceDir) / volume.spacing[2]];
}

/** The patient point of a continuous voxel index. */
export function indexToWorld(volume: Volume, index: readonly number[]): Vector3 {
  const a = index[0]! * volume.spacing[0];
  const b = index[1]! * volume.spacing[1];
  const c = index[2]! * volume.spacing[2];
  return [0, 1, 2].map((n) => volume.origin[n]! + a * volume.rowDir[n]! + b * volume.columnDir[n]! + c * volume.sliceDir[n]!) as Vector3;
}

/** The index-space step of a patient-space displacement (mm): the linear part of worldToIndex. */
export function indexStep(volume: Volume, displacement: readonly number[]): Vector3 {
  return [dot(displacement, volume.rowDir) / volume.spacing[0], dot(displacement, volume.columnDir) / volume.spacing[1], dot(displacement, volume.sliceDir) / volume.spacing[2]];
}

/** Whether a continuous index lies where trilinear interpolation has all eight neighbours. */
export function insideVolume(volume: Volume, i: number, j: number, k: number): boolean {
  return i >= 0 && j >= 0 && k >= 0 && i <= volume.columns - 1 && j <= volume.rows - 1 && k <= volume.slices - 1;
}

/** HU at a continuous index by trilinear interpolation; NaN outside the volume. */
export function sampleTrilinear(volume: Volume, i: number, j: number, k: number): number {
  if (!insideVolume(volume, i, j, k)) return Number.NaN;
  const { columns, rows, slices, hu } = volume;
  const i0 = Math.min(Math.floor(i), columns - 2 < 0 ? 0 : columns - 2);
  const j0 = Math.min(Math.floor(j), rows - 2 < 0 ? 0 : rows - 2);
  const k0 = Math.min(Math.floor(k), slices - 2 < 0 ? 0 : slices - 2);
  const fi = i - i0;
  const fj = j - j0;
  const fk = k - k0;
  const plane = columns * rows;
  const di = columns > 1 ? 1 : 0;
  const dj = rows > 1 ? columns : 0;
  const dk = slices > 1 ? plane : 0;
  const base = k0 * plane + j0 * columns + i0;
  const c00 = hu[base]! + (hu[base + di]! - hu[base]!) * fi;
  const c10 = hu[base + dj]! + (hu[base + dj + di]! - hu[base + dj]!) * fi;
  const c01 = hu[base + dk]! + (hu[base + dk + di]! - hu[base + dk]!) * fi;
  const c11 = hu[base + dk + dj]! + (hu[base + dk + dj + di]! - hu[base + dk + dj]!) * fi;
  const c0 = c00 + (c10 - c00) * fj;
  const c1 = c01 + (c11 - c01) * fj;
  return c0 + (c1 - c0) * fk;
}

/** HU of the voxel nearest a continuous index; NaN outside the volume. */
export function sampleNearest(volume: Volume, i: number, j: number, k: number): number {
  const ii = Math.round(i);
  const jj = Math.round(j);
  const kk = Math.round(k);
  if (ii < 0 || jj < 0 || kk < 0 || ii >= volume.columns || jj >= volume.rows || kk >= volume.slices) return Number.NaN;
  return volume.hu[(kk * volume.rows + jj) * volume.columns + ii]!;
}
