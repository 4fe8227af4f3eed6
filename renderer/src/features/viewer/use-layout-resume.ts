import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { keepLayoutForReload, takeLayoutAfterReload, type KeptPlane, type ReadingLayout } from '../../services/viewer/layout-resume';
import { keptPlanes, restorePlane } from '../../services/viewer/reformat-planes';
import { resumeUsed } from '../../services/viewer/reload-resume';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { reformatAvailability } from './reformat-availability';
import { fitResumedLayout } from './resumed-layout';
import { mprViewportId, PLANES } from './viewport-ids';

/** The layout kept for each session's page: taken once, whatever renders ask again (StrictMode). */
const keptBySession = new WeakMap<ViewerSession, ReadingLayout | null>();

function keptFor(session: ViewerSession): ReadingLayout | null {
  if (!keptBySession.has(session)) keptBySession.set(session, takeLayoutAfterReload(window.location.hash));
  return keptBySession.get(session)!;
}

/** The kept layout checked against the study now; null when it cannot be (the page then opens as its link says). */
async function fitToStudy(session: ViewerSession, kept: ReadingLayout, studyUid: string, linkSeriesUid: string): Promise<ReadingLayout | null> {
  try {
    const { series } = await call('studies.get', { studyInstanceUid: studyUid });
    const seriesUids = new Set(series.map((s) => s.seriesInstanceUid));
    const { layout, mprSeries } = kept;
    const reformat = layout === 'mpr' && mprSeries !== null && seriesUids.has(mprSeries) ? await reformatAvailability(session, studyUid, mprSeries, series).catch(() => null) : null;
    return fitResumedLayout(kept, { seriesUids, linkSeriesUid, reformat });
  } catch {
    // The study could not be read: the viewer opens on its link and says why there, not here.
    return null;
  }
}

/**
 * The layout a reload of this viewer page resumes, checked against the study as it is now (a
 * series gone, a reformat no longer offered): undefined while it is checked, null when there is none.
 * @param session - the page's viewer session
 * @param studyUid - the link's study
 * @param linkSeriesUid - the link's series
 */
export function useResumedLayout(session: ViewerSession, studyUid: string, linkSeriesUid: string): ReadingLayout | null | undefined {
  const kept = keptFor(session);
  const [fitted, setFitted] = useState<ReadingLayout | null | undefined>(kept ? undefined : null);
  useEffect(() => {
    if (!kept) return;
    let live = true;
    void fitToStudy(session, kept, studyUid, linkSeriesUid).then((layout) => live && setFitted(layout));
    return () => {
      live = false;
    };
  }, [kept, session, studyUid, linkSeriesUid]);
  return fitted;
}

/**
 * Keeps the page's layout for a reload of its tab: the grid, each slot's series, the open reformat
 * and each of its planes, the active viewport (each stack's slice and window are the session's).
 * @param session - the page's viewer session
 * @param layout - the page's layout now
 */
export function useKeepLayout(session: ViewerSession, layout: Omit<ReadingLayout, 'activeViewportId' | 'planes'>): void {
  const latest = useRef(layout);
  latest.current = layout;
  useEffect(() => {
    // pagehide, as the session's own resume: the viewports are still mounted then.
    const keep = () => {
      const now = latest.current;
      const planes = now.layout === 'mpr' ? keptPlanes(session, PLANES.map(mprViewportId)) : [];
      keepLayoutForReload(window.location.hash, { ...now, activeViewportId: session.state.get().activeViewportId, planes });
    };
    window.addEventListener('pagehide', keep);
    return () => window.removeEventListener('pagehide', keep);
  }, [session]);
}

/**
 * Puts back, as each viewport of a resumed layout shows its image, what the layout alone cannot:
 * the viewport that was active and each reformat plane's slice and window. Returns the callback the
 * viewports call once shown. The crosshairs, which live in the reformat, come back with it.
 * @param session - the page's viewer session
 * @param resumed - the resumed layout, or null
 * @param layout - the page's layout now: once the reader changes it, nothing more is put back
 */
export function useLayoutRestore(session: ViewerSession, resumed: ReadingLayout | null, layout: ReadingLayout['layout']): (viewportId: string) => void {
  const pending = useRef<{ active: string | null; planes: Map<string, KeptPlane> } | null>(null);
  const [started] = useState(() => {
    if (!resumed) return false;
    pending.current = { active: resumed.activeViewportId, planes: new Map(resumed.planes.map((plane) => [plane.viewportId, plane])) };
    // Later viewer pages of this document start as their link says.
    resumeUsed();
    if (resumed.layout === 'mpr' && session.resumed?.tool === 'Crosshairs') session.setPrimaryTool('Crosshairs');
    return true;
  });
  useEffect(() => {
    if (started && resumed && layout !== resumed.layout) pending.current = null;
  }, [layout, resumed, started]);
  return useCallback(
    (viewportId: string) => {
      const left = pending.current;
      if (!left) return;
      const plane = left.planes.get(viewportId);
      if (plane && restorePlane(session, plane)) left.planes.delete(viewportId);
      if (left.active === viewportId && session.get(viewportId)) {
        session.setActiveViewport(viewportId);
        left.active = null;
      }
    },
    [session],
  );
}
