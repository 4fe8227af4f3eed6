import type { DataSet } from 'dicom-parser';
import { cross, dot, subtract } from '@shared/geometry/vector3';
import type { ImagePlane, PatientVector as Vec3 } from '../../../dicom/image-plane';
import { measurementSpacing } from '@shared/dicom/measurement-spacing';
import { readSpacingAttributes } from '../../../dicom/spacing-attributes';
import { functionalGroupItem } from '../../../dicom/functional-groups';
import { viewerPixelPlane } from '../../sr/image-pixel-plane';

/** Where a frame lies in patient space, with its slice thickness. */
export interface PlaneGeometry extends ImagePlane {
  sliceThickness: number | null;
  /** Placed where the viewer puts an image without position or orientation: its directions say nothing of the patient's. */
  unoriented?: true;
}

function numbers(ds: DataSet | undefined, tag: string, count: number): number[] | null {
  if (!ds?.elements[tag]) return null;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = ds.floatString(tag, i);
    if (v === undefined || !Number.isFinite(v)) return null;
    out.push(v);
  }
  return out;
}

/**
 * The plane of one frame: from the top-level attributes of a single-frame image, or from the
 * per-frame and shared functional groups (5200,9230 / 5200,9229) of an enhanced multi-frame one.
 * @param frameNumber - 1-based
 */
export function frameGeometry(ds: DataSet, frameNumber: number): PlaneGeometry | null {
  const fromGroups = (sequence: string, tag: string, count: number) => numbers(functionalGroupItem(ds, frameNumber, sequence), tag, count);
  const position = numbers(ds, 'x00200032', 3) ?? fromGroups('x00209113', 'x00200032', 3);
  const orientation = numbers(ds, 'x00200037', 6) ?? fromGroups('x00209116', 'x00200037', 6);
  // The spacing the viewer measured with: this frame's Pixel Measures in an enhanced object (which
  // the index's spacing, read from the shared or first frame's, may not be), else a radiograph's
  // Imager Pixel Spacing (corrected or not), else Pixel Spacing.
  const attributes = readSpacingAttributes(ds);
  const spacing = fromGroups('x00289110', 'x00280030', 2) ?? measurementSpacing(attributes).spacing ?? numbers(ds, 'x00280030', 2);
  if (!position || !orientation) return viewerDefaultPlane(attributes);
  if (!spacing || spacing[0]! <= 0 || spacing[1]! <= 0) return null;
  const thickness = numbers(ds, 'x00180050', 1) ?? fromGroups('x00289110', 'x00180050', 1);
  return {
    position: position as Vec3,
    rowDirection: orientation.slice(0, 3) as Vec3,
    columnDirection: orientation.slice(3, 6) as Vec3,
    spacing: spacing as [number, number],
    sliceThickness: thickness?.[0] ?? null,
  };
}

/**
 * Where the viewer put an image with no position or orientation (a radiograph): its drawings are
 * in that plane's world coordinates (viewerPixelPlane, as the SR writes them); null when its
 * Pixel Spacing is not positive (the viewer could not place its pixels apart).
 */
function viewerDefaultPlane(attributes: ReturnType<typeof readSpacingAttributes>): PlaneGeometry | null {
  const plane = viewerPixelPlane({ pixelSpacing: attributes.pixelSpacing, measurementSpacing: measurementSpacing(attributes), imagePositionPatient: null, imageOrientationPatient: null });
  if (!plane) return null;
  return { position: plane.origin, rowDirection: plane.rowDirection, columnDirection: plane.columnDirection, spacing: [plane.rowSpacing, plane.columnSpacing], sliceThickness: null, unoriented: true };
}

/**
 * Projects a patient-space point onto the image: continuous pixel indices (whole at pixel
 * centres) and the distance from the image plane, which says whether the point lies on it.
 */
export function projectToImage(point: readonly number[], plane: PlaneGeometry): { column: number; row: number; offPlaneMm: number } {
  const d = subtract(point, plane.position);
  const normal = cross(plane.rowDirection, plane.columnDirection);
  // PixelSpacing[1] is the spacing between columns, i.e. along a row.
  return { column: dot(d, plane.rowDirection) / plane.spacing[1], row: dot(d, plane.columnDirection) / plane.spacing[0], offPlaneMm: Math.abs(dot(d, normal)) };
}
