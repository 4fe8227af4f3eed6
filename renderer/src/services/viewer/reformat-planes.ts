import type { KeptPlane } from './layout-resume';
import { moveFocalPlaneTo } from './plane-jump';
import { applyCarriedDisplay, displayOf } from './view-carry';
import type { ViewerSession } from './viewer-session';

/**
 * Where each shown plane of a reformat lies and how it is windowed, for a reload to put back.
 * @param session - the viewer session
 * @param viewportIds - the reformat's viewports
 */
export function keptPlanes(session: ViewerSession, viewportIds: readonly string[]): KeptPlane[] {
  return viewportIds.flatMap((viewportId) => {
    const record = session.get(viewportId);
    const viewport = session.viewport(viewportId);
    const point = viewport?.getCamera().focalPoint;
    if (record?.kind !== 'orthographic' || !viewport || !point || session.store.get(viewportId).status !== 'rendered') return [];
    return [{ viewportId, seriesUid: record.stack.seriesUid, point: [point[0], point[1], point[2]], display: displayOf(session.cs, viewport) }];
  });
}

/**
 * Puts a reformat plane back where the reader left it: its slice (the focal plane moved along its
 * own normal onto the kept point) and its window. Only on the plane of the same series, once it shows
 * its volume (its initial display captured), so that its file window and Reset stay the file's.
 * @param session - the viewer session
 * @param plane - the plane as kept
 * @returns whether it was put back
 */
export function restorePlane(session: ViewerSession, plane: KeptPlane): boolean {
  const record = session.get(plane.viewportId);
  const viewport = session.viewport(plane.viewportId);
  if (record?.kind !== 'orthographic' || record.stack.seriesUid !== plane.seriesUid || !record.initial || !viewport) return false;
  applyCarriedDisplay(session.cs, viewport, plane.display);
  moveFocalPlaneTo(viewport, plane.point);
  return true;
}
