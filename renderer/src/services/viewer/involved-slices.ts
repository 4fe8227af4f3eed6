import type { Types } from '@cornerstonejs/core';
import { cross, subtract } from '@shared/geometry/vector3';
import { corticalStats, CORTICAL_TOOL_NAME, type CorticalData } from './cortical-involvement-tool';
import type { ViewerSession } from './viewer-session';

/** Where a stack viewport's current slice lies: a point on it, its normal, the series' spacing. */
export interface SlicePosition {
  seriesInstanceUid: string;
  /** 1-based slice of the series' spatial order, for the reader. */
  slice: number;
  point: [number, number, number];
  normal: [number, number, number];
  spacingMm: number;
  /** The direction the series' slices advance in (its first image's position to its last): off the normal on a gantry-tilted CT; null for one image. */
  stackDirection: [number, number, number] | null;
}

type PlaneModule = { imagePositionPatient?: number[]; rowCosines?: number[]; columnCosines?: number[] } | undefined;

/**
 * The position of the slice a stack viewport shows, from the image's plane module; null when the
 * viewport shows no stack image or the series has no regular spacing.
 * @param session - the viewer session
 * @param viewportId - the stack viewport
 */
export function currentSlicePosition(session: ViewerSession, viewportId: string): SlicePosition | null {
  const record = session.get(viewportId);
  const viewport = session.viewport(viewportId) as Types.IStackViewport | undefined;
  if (!record || record.kind !== 'stack' || !viewport) return null;
  const index = viewport.getCurrentImageIdIndex();
  const imageId = record.stack.imageIds[index];
  const spacingMm = record.stack.geometry.spacingMm;
  const planeOf = (id: string | undefined) => (id ? (session.cs.metaData.get('imagePlaneModule', id) as PlaneModule) : undefined);
  const plane = planeOf(imageId);
  if (!plane?.imagePositionPatient || !plane.rowCosines || !plane.columnCosines || !spacingMm) return null;
  const normal = cross(plane.rowCosines, plane.columnCosines);
  const [x, y, z] = plane.imagePositionPatient;
  const ends = [planeOf(record.stack.imageIds[0])?.imagePositionPatient, planeOf(record.stack.imageIds.at(-1))?.imagePositionPatient];
  const stackDirection = ends[0] && ends[1] && record.stack.imageIds.length > 1 ? subtract(ends[1], ends[0]) : null;
  return { seriesInstanceUid: record.stack.seriesUid, slice: index + 1, point: [x!, y!, z!], normal, spacingMm, stackDirection };
}

/**
 * The clicks (world mm) of a cortical-involvement annotation on the page, or null when there is none:
 * the plane they lie in is the cross-section the axial extent is measured across.
 * @param session - the viewer session
 * @param annotationId - a CorticalInvolvement annotation
 */
export function corticalArcPoints(session: ViewerSession, annotationId: string): number[][] | null {
  if (!session.toolsReady) return null;
  const annotation = session.tools.annotation.state.getAnnotation(annotationId);
  if (!annotation || annotation.metadata?.toolName !== CORTICAL_TOOL_NAME) return null;
  return (annotation.data as unknown as CorticalData).handles.points.map((p) => [p[0], p[1], p[2]]);
}

/**
 * Records an axial extent on a cortical-involvement annotation (the measurement the lesion's
 * axial value then points to); the change is saved like any edit of the annotation.
 * @param session - the viewer session
 * @param annotationId - a CorticalInvolvement annotation
 * @param extentMm - the extent
 * @param sliceCount - involved slices
 * @returns false when there is no such annotation
 */
export function recordAxialExtent(session: ViewerSession, annotationId: string, extentMm: number, sliceCount: number): boolean {
  // No annotation is on the page before the tools load (they restore the drawings).
  if (!session.toolsReady) return false;
  const { state } = session.tools.annotation;
  const annotation = state.getAnnotation(annotationId);
  if (!annotation || annotation.metadata?.toolName !== CORTICAL_TOOL_NAME) return false;
  const data = annotation.data as unknown as CorticalData;
  data.axialExtentMm = extentMm;
  data.axialSliceCount = sliceCount;
  for (const key of Object.keys(data.cachedStats)) data.cachedStats[key] = corticalStats(data);
  // No element: the event goes to the page's event target, where the annotation feed listens.
  state.triggerAnnotationModified(annotation, undefined as unknown as HTMLDivElement);
  session.tools.utilities.triggerAnnotationRenderForViewportIds(session.viewportIds());
  return true;
}
