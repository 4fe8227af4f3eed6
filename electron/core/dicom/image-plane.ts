import type { Vector3 } from '@shared/geometry/vector3';

/** A point or direction in patient (LPS) coordinates, millimetres. */
export type PatientVector = Vector3;

/** Where an image lies in patient space: its first pixel's centre, its axes and its pixel spacing. */
export interface ImagePlane {
  /** ImagePositionPatient: centre of the top-left pixel (mm). */
  position: PatientVector;
  /** Unit vector along a row (direction of increasing column index). */
  rowDirection: PatientVector;
  /** Unit vector along a column (direction of increasing row index). */
  columnDirection: PatientVector;
  /** PixelSpacing: [between rows, between columns] (mm). */
  spacing: [number, number];
}
