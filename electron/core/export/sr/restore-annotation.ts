import { AnnotationToolSchema, ANNOTATION_SCHEMA_VERSION, type AnnotationTool, type WorldPoint } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import { SR, UID_TYPES } from '../dicom/codes';
import { dicomDateTimeToIso } from '../dicom/dicom-datetime';
import { uidToUuid } from '@shared/dicom/uid';
import { childNamed, childrenOf, codeValueOf, conceptOf, numberOf, stringOf, type ContentNode } from './content-reader';
import { graphicTypeOf, parseViewPlane } from './annotation-items';
import { parsePixelPlane, pixelToWorld } from './image-pixel-plane';
import { BM, PRIVATE_SCHEME } from './private-codes';

/** Where restored annotations belong: their lesion, study, and the series of each referenced instance. */
export interface AnnotationContext {
  lesionId: string;
  studyInstanceUid: string;
  seriesOfInstance: ReadonlyMap<string, string>;
}

function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new AppError('unsupported', `The report's annotation has no ${what}; it was not written by BoneMet Review, or was de-identified, and cannot be restored.`);
  return value;
}

/**
 * The drawing's points in world coordinates: SCOORD3D's as written, or SCOORD's image columns and
 * rows placed back on the viewer's plane of the image, which the writer put beside them.
 */
function worldPointsOf(node: ContentNode, geometry: ContentNode): WorldPoint[] {
  const data = ((geometry.GraphicData as number[] | undefined) ?? []).map(Number);
  const points: WorldPoint[] = [];
  if (geometry.ValueType === 'SCOORD3D') {
    for (let i = 0; i + 2 < data.length; i += 3) points.push([data[i]!, data[i + 1]!, data[i + 2]!]);
    return points;
  }
  const planeText = stringOf(childNamed(node, BM.pixelPlane, 'TEXT'), 'TextValue');
  const plane = required(planeText === undefined ? null : parsePixelPlane(planeText), 'plane of the image its SCOORD points lie on');
  for (let i = 0; i + 1 < data.length; i += 2) points.push(pixelToWorld(plane, [data[i]!, data[i + 1]!]));
  return points;
}

/** Whether the writer closed the points (a POLYGON, or SCOORD's closed POLYLINE standing for one), so that the last is dropped. */
function closedByWriter(geometry: ContentNode, tool: AnnotationTool, points: WorldPoint[], measurements: Record<string, number>): boolean {
  if (points.length <= 2) return false;
  if (geometry.GraphicType === 'POLYGON') return true;
  return geometry.ValueType === 'SCOORD' && geometry.GraphicType === 'POLYLINE' && graphicTypeOf({ tool, points, measurements }) === 'POLYGON';
}

/**
 * An annotation record rebuilt from its CODE item in the standard content alone (points at FL
 * precision; a POLYGON's closing point dropped, as the writer added it).
 */
export function restoreAnnotation(node: ContentNode, context: AnnotationContext): Record<string, unknown> {
  const tool = AnnotationToolSchema.parse(required(codeValueOf(node)?.value.replace(/^BM-TOOL-/, ''), 'tool'));
  const geometry = required(childNamed(node, SR.imageRegion, 'SCOORD3D') ?? childNamed(node, SR.imageRegion, 'SCOORD'), 'SCOORD3D or SCOORD geometry');
  const source = childNamed(node, SR.sourceOfMeasurement, 'IMAGE');
  // A drawing on a reformat names its series and plane instead of a source image.
  const planeText = stringOf(childNamed(node, BM.viewPlane, 'TEXT'), 'TextValue');
  const plane = source ? null : required(planeText === undefined ? null : parseViewPlane(planeText), 'source image or reformat plane');
  const reference = (source?.ReferencedSOPSequence as ContentNode[] | undefined)?.[0];
  const sopInstanceUid = source ? required(stringOf(reference, 'ReferencedSOPInstanceUID'), 'referenced image') : null;
  const seriesInstanceUid = sopInstanceUid === null
    ? required(stringOf(childNamed(node, UID_TYPES.seriesInstanceUid, 'UIDREF'), 'UID'), 'series of the reformat')
    : required(context.seriesOfInstance.get(sopInstanceUid), `series of image ${sopInstanceUid}`);
  const measurements: Record<string, number> = {};
  for (const child of childrenOf(node)) {
    const concept = conceptOf(child);
    if (child.ValueType === 'NUM' && concept?.scheme === PRIVATE_SCHEME && concept.value.startsWith('BM-MEAS-')) {
      measurements[concept.value.slice('BM-MEAS-'.length)] = required(numberOf(child), `value of ${concept.value}`);
    }
  }
  let points = worldPointsOf(node, geometry);
  if (closedByWriter(geometry, tool, points, measurements)) points = points.slice(0, -1);
  const frame = stringOf(reference, 'ReferencedFrameNumber');
  const dt = (code: typeof BM.createdAt) => dicomDateTimeToIso(required(stringOf(childNamed(node, code), 'DateTime'), code.meaning));
  return {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    id: required(uidToUuid(required(stringOf(childNamed(node, BM.annotationUid), 'UID'), 'annotation UID')), 'UUID-form annotation UID'),
    lesionId: context.lesionId,
    studyInstanceUid: context.studyInstanceUid,
    seriesInstanceUid,
    sopInstanceUid,
    frameNumber: sopInstanceUid === null ? null : frame === undefined ? 1 : Number(frame),
    frameOfReferenceUid: stringOf(geometry, 'ReferencedFrameOfReferenceUID') ?? null,
    viewPlaneNormal: plane?.viewPlaneNormal ?? null,
    viewUp: plane?.viewUp ?? null,
    tool,
    points,
    text: stringOf(childNamed(node, BM.annotationLabel), 'TextValue') ?? null,
    measurements,
    reader: required(stringOf(childNamed(node, BM.reader), 'TextValue'), 'reader'),
    createdAt: dt(BM.createdAt),
    updatedAt: dt(BM.updatedAt),
  };
}
