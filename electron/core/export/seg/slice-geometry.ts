import { cross, dot, subtract } from '@shared/geometry/vector3';
import type { StudyInstance } from '../../index/instance-queries';

/** The plane of one image: where its pixels are in patient coordinates (PS3.3 C.7.6.2.1.1). */
export interface SliceGeometry {
  sopInstanceUid: string;
  sopClassUid: string;
  rows: number;
  columns: number;
  /** ImagePositionPatient: the centre of the first pixel. */
  origin: [number, number, number];
  /** Direction of increasing column index (first triplet of ImageOrientationPatient). */
  rowDirection: [number, number, number];
  /** Direction of increasing row index (second triplet). */
  columnDirection: [number, number, number];
  /** PixelSpacing: [between rows, between columns] in mm. */
  spacing: [number, number];
}

/** The plane of an indexed single-frame instance, or null when it lacks geometry or has several frames. */
export function sliceGeometryOf(instance: StudyInstance): SliceGeometry | null {
  const { imagePositionPatient: ipp, imageOrientationPatient: iop, pixelSpacing, rows, columns } = instance;
  if (!ipp || !iop || !pixelSpacing || !rows || !columns || instance.frames > 1) return null;
  return {
    sopInstanceUid: instance.sopInstanceUid,
    sopClassUid: instance.sopClassUid,
    rows,
    columns,
    origin: ipp,
    rowDirection: [iop[0], iop[1], iop[2]],
    columnDirection: [iop[3], iop[4], iop[5]],
    spacing: pixelSpacing,
  };
}

/** The slice normal (row direction x column direction). */
export function sliceNormal(g: SliceGeometry): [number, number, number] {
  return cross(g.rowDirection, g.columnDirection);
}

/** Continuous pixel coordinates [column, row] of a patient point projected onto the slice (integers at pixel centres). */
export function worldToPixel(g: SliceGeometry, point: readonly number[]): [number, number] {
  const d = subtract(point, g.origin);
  return [dot(d, g.rowDirection) / g.spacing[1], dot(d, g.columnDirection) / g.spacing[0]];
}

/** Distance (mm) of a patient point from the slice's plane. */
export function distanceFromPlane(g: SliceGeometry, point: readonly number[]): number {
  const d = subtract(point, g.origin);
  return Math.abs(dot(d, sliceNormal(g)));
}

/** Position of the slice along its normal: sorts a series in space. */
export function slicePosition(g: SliceGeometry): number {
  return dot(g.origin, sliceNormal(g));
}
