import { isImageAnnotation, isPlaneAnnotation, type Annotation, type AnnotationTool, type UnitVector } from '@shared/annotation/annotation';
import { isOpenContour } from '@shared/annotation/open-contour';
import { AppError } from '@shared/errors';
import { SR, UID_TYPES } from '../dicom/codes';
import { isoToDicomDateTime } from '../dicom/dicom-datetime';
import { uuidToUid } from '@shared/dicom/uid';
import { spacingPlaneNote, type SpacingPlane } from '@shared/dicom/measurement-spacing';
import { coded, datetime, image, num, scoord, scoord3d, text, uidref, type Item } from './content-items';
import { formatPixelPlane, worldToPixel, type ImagePixelPlane } from './image-pixel-plane';
import { unitOfMeasurementKey } from './measurement-units';
import { annotationMeasurementCode, BM, toolCode } from './private-codes';

/**
 * SCOORD3D graphic type of each tool (PS3.3 C.18.9.1.2). Points are kept as drawn: tools whose
 * handles are not a standard shape (a circle's centre and rim point, a bidirectional's two axes,
 * the cortical-involvement centre and arc ends) are MULTIPOINT, so no point is invented or lost.
 */
const GRAPHIC_TYPE: Record<AnnotationTool, string> = {
  Length: 'POLYLINE',
  Bidirectional: 'MULTIPOINT',
  EllipticalROI: 'ELLIPSE',
  CircleROI: 'MULTIPOINT',
  RectangleROI: 'POLYGON',
  PlanarFreehandROI: 'POLYGON',
  Angle: 'POLYLINE',
  Probe: 'POINT',
  ArrowAnnotate: 'POLYLINE',
  CorticalInvolvement: 'MULTIPOINT',
};

/** The graphic type an annotation is written with: its tool's (an open freehand contour's a POLYLINE), unless its point count does not fit it. */
export function graphicTypeOf(annotation: Pick<Annotation, 'tool' | 'points' | 'measurements'>): string {
  const type = isOpenContour(annotation) ? 'POLYLINE' : GRAPHIC_TYPE[annotation.tool];
  const n = annotation.points.length;
  if (type === 'POINT' && n !== 1) return 'MULTIPOINT';
  if (type === 'ELLIPSE' && n !== 4) return 'MULTIPOINT';
  if ((type === 'POLYLINE' || type === 'POLYGON') && n < 2) return 'POINT';
  return type;
}

/**
 * The points as written: a POLYGON is closed (first point repeated last) as PS3.3 requires. The
 * first point is appended even to a contour already closed by its last point, so that the reader,
 * which drops the closing point, gives back the points as stored.
 */
export function writtenPoints(annotation: Pick<Annotation, 'tool' | 'points' | 'measurements'>): number[][] {
  const points = annotation.points.map((p) => [...p]);
  return graphicTypeOf(annotation) === 'POLYGON' ? [...points, points[0]!] : points;
}

/** The plane of a drawing on a reformat, as its TEXT item holds it: normal, then view-up (six numbers). */
export function formatViewPlane(normal: UnitVector, up: UnitVector): string {
  return [...normal, ...up].map((v) => String(v)).join(' ');
}

/** Reads formatViewPlane's text back; null when it is not six finite numbers. */
export function parseViewPlane(text: string): { viewPlaneNormal: UnitVector; viewUp: UnitVector } | null {
  const values = text.trim().split(/\s+/).map(Number);
  if (values.length !== 6 || values.some((v) => !Number.isFinite(v))) return null;
  return { viewPlaneNormal: values.slice(0, 3) as UnitVector, viewUp: values.slice(3) as UnitVector };
}

/** How the items of one annotation are written. */
export interface AnnotationItemOptions {
  /** SOP Class UID of the referenced image, or of an image of the reformatted series ('' when unknown): it decides the intensity unit. */
  sopClassUid: string;
  /** Whether the image has several frames: only then is the frame number written (PS3.3 C.18.4). */
  multiFrame: boolean;
  /** Leave out what may identify a person or carry free text (de-identified exports). */
  deidentified: boolean;
  /** Where the viewer puts the referenced image's pixels (from the index); null when it cannot place them. */
  pixelPlane: ImagePixelPlane | null;
  /** Where the referenced image's lengths lie (measurementSpacing): 'none' when the viewer gave them in pixels, not mm. */
  spacingPlane: SpacingPlane;
  /** At the detector: the larger magnification the image's header states above 1.3 (measurementSpacing); absent: 1.3. */
  maxMagnification?: number | undefined;
}

/**
 * The 2D graphic type of a drawing: SCOORD has no POLYGON, a closed POLYLINE (first point repeated
 * last, as writtenPoints gives it) is one (PS3.3 C.18.6.1.2).
 */
const scoordGraphicType = (type: string) => (type === 'POLYGON' ? 'POLYLINE' : type);

/**
 * Where a drawing lies: in the frame of reference (SCOORD3D), or, on an image with none (a
 * radiograph), in the image's own columns and rows (SCOORD selected from the image), with the plane
 * the viewer's world coordinates were taken in, so that a reader gets the same drawing back.
 */
function geometryItems(annotation: Annotation, options: AnnotationItemOptions): Item[] {
  if (annotation.frameOfReferenceUid) {
    return [scoord3d('INFERRED FROM', SR.imageRegion, graphicTypeOf(annotation), writtenPoints(annotation), annotation.frameOfReferenceUid)];
  }
  if (!isImageAnnotation(annotation) || !options.pixelPlane) {
    // Only an image whose Pixel Spacing is not positive gets here (pydicom-data's RG1_J2KI has 0\0): the viewer put all its pixels at one point.
    throw new AppError(
      'unsupported',
      `Drawing ${annotation.id} lies on image ${annotation.sopInstanceUid ?? '(none)'}, which has no frame of reference and a Pixel Spacing that is not positive: its points cannot be told apart in the image's pixels. Remove the drawing from the lesion, or delete it, then export.`,
    );
  }
  const plane = options.pixelPlane;
  const frame = options.multiFrame ? annotation.frameNumber : undefined;
  const pixels = writtenPoints(annotation).map((p) => worldToPixel(plane, p as [number, number, number]));
  return [
    scoord('INFERRED FROM', SR.imageRegion, scoordGraphicType(graphicTypeOf(annotation)), pixels, image('SELECTED FROM', null, options.sopClassUid, annotation.sopInstanceUid, frame)),
    text('HAS OBS CONTEXT', BM.pixelPlane, formatPixelPlane(plane)),
  ];
}

/**
 * One annotation as a CODE item naming its tool, with its id, measurements, geometry (SCOORD3D in
 * the frame of reference, or SCOORD on an image with none) and where it was drawn as children: its
 * source image (IMAGE with frame), or, for a drawing on a reformat, its series and plane (normal
 * and view-up), which no IMAGE names.
 */
export function annotationItems(annotation: Annotation, options: AnnotationItemOptions): Item {
  const children: Item[] = [uidref('HAS OBS CONTEXT', BM.annotationUid, uuidToUid(annotation.id))];
  if (!options.deidentified) {
    children.push(
      text('HAS OBS CONTEXT', BM.reader, annotation.reader),
      datetime('HAS OBS CONTEXT', BM.createdAt, isoToDicomDateTime(annotation.createdAt)),
      datetime('HAS OBS CONTEXT', BM.updatedAt, isoToDicomDateTime(annotation.updatedAt)),
    );
    if (annotation.text !== null) children.push(text('HAS PROPERTIES', BM.annotationLabel, annotation.text));
  }
  const inPixels = options.spacingPlane === 'none';
  const units = Object.entries(annotation.measurements).map(([key, value]) => [key, value, unitOfMeasurementKey(key, options.sopClassUid, inPixels)] as const);
  for (const [key, value, unit] of units) children.push(num('HAS PROPERTIES', annotationMeasurementCode(key), value, unit));
  // A length in mm on a radiograph says which plane it lies in: at the detector it overstates the patient's.
  const planeNote = spacingPlaneNote(options.spacingPlane, options.maxMagnification);
  if (planeNote && units.some(([, , unit]) => unit.value.startsWith('mm'))) children.push(text('HAS PROPERTIES', BM.spacingPlane, `${options.spacingPlane}: ${planeNote}`));
  children.push(...geometryItems(annotation, options));
  if (isImageAnnotation(annotation)) {
    children.push(image('INFERRED FROM', SR.sourceOfMeasurement, options.sopClassUid, annotation.sopInstanceUid, options.multiFrame ? annotation.frameNumber : undefined));
  } else if (isPlaneAnnotation(annotation)) {
    children.push(
      uidref('HAS OBS CONTEXT', UID_TYPES.seriesInstanceUid, annotation.seriesInstanceUid),
      text('HAS OBS CONTEXT', BM.viewPlane, formatViewPlane(annotation.viewPlaneNormal, annotation.viewUp)),
    );
  }
  return coded('CONTAINS', BM.annotation, toolCode(annotation.tool), children);
}
