import { ANNOTATION_SCHEMA_VERSION, AnnotationToolSchema, type Annotation } from '@shared/annotation/annotation';
import type { AnnotationSnapshot } from './annotation-snapshot';

/** What a stored record needs besides the drawing itself. */
export interface RecordContext {
  studyInstanceUid: string;
  reader: string;
  lesionId: string | null;
  createdAt: string;
  now: string;
  /** The series whose volume a reformat drawing lies in (the reformat it was drawn on), if known. */
  planeSeriesInstanceUid?: string | null;
}

/** Why a drawing cannot be stored, in words for the reader. */
export type RecordRefusal = { refused: string };

/** The numbers a tool measured, under their own names (units and labels are not numbers). */
function measurementsOf(snapshot: AnnotationSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(snapshot.stats).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[0].length <= 64));
}

// Cornerstone's camera vectors are unit length up to float noise; the schema wants them exact-ish.
function unit(v: readonly number[]): [number, number, number] {
  const n = Math.hypot(v[0]!, v[1]!, v[2]!);
  return [v[0]! / n, v[1]! / n, v[2]! / n];
}

/** Where a snapshot lies in stored terms: its source image, or its reformat plane; or why neither. */
function placementOf(snapshot: AnnotationSnapshot, context: RecordContext): Pick<Annotation, 'seriesInstanceUid' | 'sopInstanceUid' | 'frameNumber' | 'viewPlaneNormal' | 'viewUp'> | RecordRefusal {
  if (snapshot.image) {
    return { seriesInstanceUid: snapshot.image.seriesInstanceUid, sopInstanceUid: snapshot.image.sopInstanceUid, frameNumber: snapshot.image.frame ?? 1, viewPlaneNormal: null, viewUp: null };
  }
  const { viewPlaneNormal: normal, viewUp: up, frameOfReferenceUid } = snapshot;
  if (!frameOfReferenceUid || !normal || !up || !context.planeSeriesInstanceUid) {
    return { refused: 'This drawing is on no source image and on no reformat plane with a frame of reference: it is not saved.' };
  }
  return { seriesInstanceUid: context.planeSeriesInstanceUid, sopInstanceUid: null, frameNumber: null, viewPlaneNormal: unit(normal), viewUp: unit(up) };
}

/**
 * The stored form of a live annotation, keyed by DICOM UIDs and world points: on its source image
 * (stack viewports, or a reformat along the acquisition plane) or on its reformat plane (a sagittal
 * or coronal view of the volume: frame of reference, plane normal and view-up). Or why it cannot be stored.
 * @param snapshot - the annotation from the feed
 * @param context - study, reader, lesion link, times, and the series of the reformat it lies on
 */
export function toAnnotationRecord(snapshot: AnnotationSnapshot, context: RecordContext): Annotation | RecordRefusal {
  const tool = AnnotationToolSchema.safeParse(snapshot.toolName);
  if (!tool.success) return { refused: `${snapshot.toolName} drawings are not kept.` };
  if (snapshot.points.length === 0) return { refused: 'The drawing has no points.' };
  const placement = placementOf(snapshot, context);
  if ('refused' in placement) return placement;
  return {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    id: snapshot.annotationUid,
    lesionId: context.lesionId,
    studyInstanceUid: context.studyInstanceUid,
    // In the schema's key order: sameDrawing compares records as JSON with the stored ones.
    seriesInstanceUid: placement.seriesInstanceUid,
    sopInstanceUid: placement.sopInstanceUid,
    frameNumber: placement.frameNumber,
    frameOfReferenceUid: snapshot.frameOfReferenceUid,
    viewPlaneNormal: placement.viewPlaneNormal,
    viewUp: placement.viewUp,
    tool: tool.data,
    points: snapshot.points.map((p) => [p[0], p[1], p[2]]),
    text: snapshot.text,
    measurements: measurementsOf(snapshot),
    reader: context.reader,
    createdAt: context.createdAt,
    updatedAt: context.now,
  };
}

/** Whether two records hold the same drawing and link (times aside): saving again would change nothing. */
export function sameDrawing(a: Annotation, b: Annotation): boolean {
  const strip = ({ updatedAt: _u, createdAt: _c, measurements: _m, ...rest }: Annotation) => JSON.stringify(rest);
  const close = (x: Record<string, number>, y: Record<string, number>) =>
    Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] !== undefined && Math.abs(y[k]! - v) <= 1e-6 * Math.max(1, Math.abs(v)));
  return strip(a) === strip(b) && close(a.measurements, b.measurements);
}
