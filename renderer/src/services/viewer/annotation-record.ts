import { ANNOTATION_SCHEMA_VERSION, AnnotationToolSchema, type Annotation } from '../../../../shared/annotation/annotation';
import type { AnnotationSnapshot } from './annotation-feed';

/** What a stored record needs besides the drawing itself. */
export interface RecordContext {
  studyInstanceUid: string;
  reader: string;
  lesionId: string | null;
  createdAt: string;
  now: string;
}

/** Why a drawing cannot be stored, in words for the reader. */
export type RecordRefusal = { refused: string };

/** The numbers a tool measured, under their own names (units and labels are not numbers). */
function measurementsOf(snapshot: AnnotationSnapshot): Record<string, number> {
  return Object.fromEntries(Object.entries(snapshot.stats).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[0].length <= 64));
}

/**
 * The stored form of a live annotation, keyed by DICOM UIDs and world points, or why it cannot be
 * stored: a drawing on a reformat has no source image (its SOP instance) to hang it on.
 * @param snapshot - the annotation from the feed
 * @param context - study, reader, lesion link and times
 */
export function toAnnotationRecord(snapshot: AnnotationSnapshot, context: RecordContext): Annotation | RecordRefusal {
  const tool = AnnotationToolSchema.safeParse(snapshot.toolName);
  if (!tool.success) return { refused: `${snapshot.toolName} drawings are not kept.` };
  if (!snapshot.image) return { refused: 'A drawing on a reformat is not saved (it has no source image): draw it on the stack to keep it.' };
  if (snapshot.points.length === 0) return { refused: 'The drawing has no points.' };
  return {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    id: snapshot.annotationUid,
    lesionId: context.lesionId,
    studyInstanceUid: context.studyInstanceUid,
    seriesInstanceUid: snapshot.image.seriesInstanceUid,
    sopInstanceUid: snapshot.image.sopInstanceUid,
    frameNumber: snapshot.image.frame ?? 1,
    frameOfReferenceUid: snapshot.frameOfReferenceUid,
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
