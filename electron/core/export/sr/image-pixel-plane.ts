import type { WorldPoint } from '@shared/annotation/annotation';
import type { MeasurementSpacing } from '@shared/dicom/measurement-spacing';

type Vector = [number, number, number];

/**
 * Where the viewer puts the pixels of an image that has no frame of reference (a radiograph): the
 * world coordinates its drawings are stored in. Cornerstone places such an image as its metadata
 * says, with its own defaults for what is missing (core 5.x getImageDataMetadata): the first
 * pixel's centre at Image Position (Patient) or the origin, rows along Image Orientation's row
 * direction or +x, columns along its column direction or +y, Pixel Spacing or 1 per pixel (a radiograph: the spacing rule's, measurementSpacing).
 */
export interface ImagePixelPlane {
  origin: Vector;
  rowDirection: Vector;
  columnDirection: Vector;
  /** Distance between neighbouring columns (Pixel Spacing's second value). */
  columnSpacing: number;
  /** Distance between neighbouring rows (Pixel Spacing's first value). */
  rowSpacing: number;
}

/** What the index knows of an image's geometry (DICOM order: Pixel Spacing is row\column). */
export interface IndexedGeometry {
  pixelSpacing: [number, number] | null;
  /** The spacing the viewer measures with (measurementSpacing): a radiograph's Imager Pixel Spacing, corrected or not, where it differs. */
  measurementSpacing: MeasurementSpacing;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
}

/** The plane the viewer draws an image on; null when its Pixel Spacing is not positive (the viewer cannot place its pixels apart). */
export function viewerPixelPlane(geometry: IndexedGeometry): ImagePixelPlane | null {
  // The viewer places the image with the spacing rule's spacing (measurement-spacing-provider), else as Cornerstone reads Pixel Spacing.
  const [rowSpacing, columnSpacing] = geometry.measurementSpacing.spacing ?? geometry.pixelSpacing ?? [1, 1];
  if (!(rowSpacing > 0) || !(columnSpacing > 0)) return null;
  const iop = geometry.imageOrientationPatient;
  return {
    origin: geometry.imagePositionPatient ? [...geometry.imagePositionPatient] : [0, 0, 0],
    rowDirection: iop ? [iop[0], iop[1], iop[2]] : [1, 0, 0],
    columnDirection: iop ? [iop[3], iop[4], iop[5]] : [0, 1, 0],
    columnSpacing,
    rowSpacing,
  };
}

const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

/**
 * A world point as DICOM 2D image coordinates, column\row, where 0\0 is the top left corner of the
 * top left pixel and its centre is 0.5\0.5 (PS3.3 C.18.6.1.1); the viewer's world origin is that
 * pixel's centre.
 */
export function worldToPixel(plane: ImagePixelPlane, point: WorldPoint): [number, number] {
  const d = [point[0] - plane.origin[0], point[1] - plane.origin[1], point[2] - plane.origin[2]];
  return [dot(d, plane.rowDirection) / plane.columnSpacing + 0.5, dot(d, plane.columnDirection) / plane.rowSpacing + 0.5];
}

/** The world point of DICOM image coordinates column\row (the inverse of worldToPixel). */
export function pixelToWorld(plane: ImagePixelPlane, [column, row]: readonly [number, number]): WorldPoint {
  const x = (column - 0.5) * plane.columnSpacing;
  const y = (row - 0.5) * plane.rowSpacing;
  return [0, 1, 2].map((k) => plane.origin[k]! + x * plane.rowDirection[k]! + y * plane.columnDirection[k]!) as WorldPoint;
}

/** The plane as its TEXT item holds it: origin, row direction, column direction, column and row spacing (eleven numbers). */
export function formatPixelPlane(plane: ImagePixelPlane): string {
  return [...plane.origin, ...plane.rowDirection, ...plane.columnDirection, plane.columnSpacing, plane.rowSpacing].map((v) => String(v)).join(' ');
}

/** Reads formatPixelPlane's text back; null when it is not eleven finite numbers with positive spacings. */
export function parsePixelPlane(text: string): ImagePixelPlane | null {
  const v = text.trim().split(/\s+/).map(Number);
  if (v.length !== 11 || v.some((x) => !Number.isFinite(x)) || !(v[9]! > 0) || !(v[10]! > 0)) return null;
  return { origin: [v[0]!, v[1]!, v[2]!], rowDirection: [v[3]!, v[4]!, v[5]!], columnDirection: [v[6]!, v[7]!, v[8]!], columnSpacing: v[9]!, rowSpacing: v[10]! };
}
