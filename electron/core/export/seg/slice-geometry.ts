import { cross, dot, subtract } from '@shared/geometry/vector3';
import type { StudyInstance } from '../../index/instance-queries';

/** The plane of one image (an instance, or one frame of a multi-frame one): where its pixels are in patient coordinates (PS3.3 C.7.6.2.1.1). */
export interface SliceGeometry {
  sopInstanceUid: string;
  sopClassUid: string;
  /** 1-based; a single-frame instance's only frame is 1. */
  frameNumber: number;
  /** Frames in the instance's file: a reference to a frame of a multi-frame one names the frame. */
  framesInFile: number;
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
  sliceThickness: number | null;
}

/** What names one image of a series: an instance and a frame of it (the masks of a segment are kept by it). */
export function imageKey(sopInstanceUid: string, frameNumber: number): string {
  return `${sopInstanceUid}#${frameNumber}`;
}

/** The key of the image a slice is. */
export function sliceKey(g: SliceGeometry): string {
  return imageKey(g.sopInstanceUid, g.frameNumber);
}

/**
 * The plane of an indexed single-frame instance, or of one frame of a multi-frame one as
 * seriesFrames placed it (`frames` 1, with its frame number); null when it lacks geometry or is a
 * multi-frame instance as indexed (whose frames the index does not place).
 */
export function sliceGeometryOf(instance: StudyInstance & { frameNumber?: number; framesInFile?: number }): SliceGeometry | null {
  const { imagePositionPatient: ipp, imageOrientationPatient: iop, pixelSpacing, rows, columns } = instance;
  if (!ipp || !iop || !pixelSpacing || !rows || !columns || instance.frames > 1) return null;
  return {
    sopInstanceUid: instance.sopInstanceUid,
    sopClassUid: instance.sopClassUid,
    frameNumber: instance.frameNumber ?? 1,
    framesInFile: instance.framesInFile ?? 1,
    rows,
    columns,
    origin: ipp,
    rowDirection: [iop[0], iop[1], iop[2]],
    columnDirection: [iop[3], iop[4], iop[5]],
    spacing: pixelSpacing,
    sliceThickness: instance.sliceThickness,
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
