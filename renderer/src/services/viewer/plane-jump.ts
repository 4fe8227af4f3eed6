import type { Types } from '@cornerstonejs/core';
import type { AnnotationSnapshot } from './annotation-snapshot';
import { cameraThrough, looksAlong } from './plane-camera';
import type { ViewerSession } from './viewer-session';

/** A reformat drawing picked while no reformat of its plane is shown: the page opens one, then moves it. */
export interface ReformatRequest {
  annotationUid: string;
  /** When it was asked for: picking the same drawing again is a new request. */
  at: number;
}

/** Whether a drawing lies on a reformat plane (no source image; a frame of reference, a normal and points). */
export function isPlaneDrawing(drawing: AnnotationSnapshot): boolean {
  return drawing.image === null && drawing.viewPlaneNormal !== null && drawing.frameOfReferenceUid !== null && drawing.points.length > 0;
}

/**
 * The mounted orthographic viewports that look along a plane: same frame of reference, camera
 * normal parallel to the plane's (either facing), optionally of one series only.
 * @param session - the viewer session
 * @param frameOfReferenceUid - the plane's frame of reference
 * @param normal - the plane's unit normal
 * @param seriesUid - only viewports showing this series, or null for any
 */
export function planeViewports(session: ViewerSession, frameOfReferenceUid: string, normal: Types.Point3, seriesUid: string | null = null): string[] {
  return session.viewportIds().filter((id) => {
    const mounted = session.get(id);
    const viewport = session.viewport(id);
    if (mounted?.kind !== 'orthographic' || !viewport || (seriesUid !== null && mounted.stack.seriesUid !== seriesUid)) return false;
    const camera = viewport.getCamera().viewPlaneNormal;
    return viewport.getFrameOfReferenceUID() === frameOfReferenceUid && camera !== undefined && looksAlong(camera, normal);
  });
}

/**
 * Moves each rendered reformat that looks along a drawing's plane so that its focal plane holds the
 * drawing's first point (Cornerstone draws a volume annotation only on the slice that holds it).
 * The camera moves along its own normal only: orientation, zoom and pan stay as the reader left them.
 * @param session - the viewer session
 * @param drawing - a reformat drawing (isPlaneDrawing)
 * @param seriesUid - only reformats of this series, or null for any of its frame of reference
 * @returns the ids of the viewports that now show it (empty: no reformat of its plane is shown yet)
 */
export function showPlane(session: ViewerSession, drawing: AnnotationSnapshot, seriesUid: string | null): string[] {
  if (!isPlaneDrawing(drawing)) return [];
  const target = drawing.points[0]!;
  const shown = planeViewports(session, drawing.frameOfReferenceUid!, drawing.viewPlaneNormal!, seriesUid).filter((id) => session.store.get(id).status === 'rendered');
  for (const id of shown) moveFocalPlaneTo(session.viewport(id)!, target);
  return shown;
}

/**
 * Moves a viewport's camera along its own normal until its focal plane holds a point: the slice
 * through that point, with orientation, zoom and pan as the reader left them.
 * @param viewport - a reformat viewport
 * @param target - a world point (mm)
 */
export function moveFocalPlaneTo(viewport: Types.IStackViewport | Types.IVolumeViewport, target: Types.Point3): void {
  const { focalPoint, position, viewPlaneNormal } = viewport.getCamera();
  if (!focalPoint || !position || !viewPlaneNormal) return;
  viewport.setCamera(cameraThrough({ focalPoint, position, viewPlaneNormal }, target));
  viewport.render();
}
