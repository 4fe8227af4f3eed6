import { useEffect, useRef } from 'react';
import type { SeriesSummary } from '@shared/dicom/series';
import { errorMessage } from '../../api/api-error';
import { useNotices } from '../../app/errors';
import type { AnnotationPersistence } from '../../services/viewer/annotation-persistence';
import { showPlane } from '../../services/viewer/plane-jump';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { useExternalStore } from '../../app/use-external-store';
import { reformatAvailability } from './reformat-availability';
import { mprViewportId, PLANES } from './ViewportGrid';

interface ReformatJumpContext {
  persistence: AnnotationPersistence | null;
  seriesList: SeriesSummary[];
  /** Shows the reformat of a series (the 'mpr' layout); a no-op when it is shown already. */
  openReformat(seriesUid: string): void;
}

/**
 * Answers a reformat drawing picked while its plane is not shown (session.reformatWanted): opens
 * the reformat of the drawing's stored series, then, once the reformat that looks along its plane
 * has rendered, moves it onto the drawing. When no reformat can be opened, the reader is told why.
 */
export function useReformatJump(session: ViewerSession, context: ReformatJumpContext): void {
  const { request } = useExternalStore(session.reformatWanted);
  const { inform } = useNotices();
  // Read when a request comes, not followed: opening the reformat changes them, and must not restart it.
  const latest = useRef(context);
  latest.current = context;

  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    let unsubscribe = () => undefined as void;
    const finish = (message: string | null) => {
      if (message) inform(message);
      if (session.reformatWanted.get().request === request) session.reformatWanted.update({ request: null });
    };
    const drawing = session.annotations.list.get().annotations.find((a) => a.annotationUid === request.annotationUid);
    const { persistence, seriesList, openReformat } = latest.current;
    const record = persistence?.state.get().records.get(request.annotationUid);
    if (!drawing) return finish(null);
    if (!record) return finish('This drawing lies on a reformat, but it is not saved yet, so its series is not known: open the reformat of its series (M) to see it.');
    const seriesUid = record.seriesInstanceUid;
    void reformatAvailability(session, record.studyInstanceUid, seriesUid, seriesList)
      .catch((error: unknown) => ({ available: false as const, reason: errorMessage(error) }))
      .then((availability) => {
        if (cancelled) return;
        if (!availability.available) return finish(`This drawing lies on a reformat of its series, which cannot be opened here: ${availability.reason}`);
        openReformat(seriesUid);
        // The reformat's viewports mount and render over the next frames: move the one that looks
        // along the drawing's plane as soon as it shows its volume.
        const ids = PLANES.map(mprViewportId);
        // A reformat that failed shows its own error in its panes: nothing is left to wait for.
        const failed = () => ids.every((id) => session.get(id)?.stack.seriesUid === seriesUid && session.store.get(id).status === 'error');
        const attempt = () => {
          if (cancelled || (showPlane(session, drawing, seriesUid).length === 0 && !failed())) return;
          unsubscribe();
          finish(null);
        };
        const stops = ids.map((id) => session.store.subscribe(id, attempt));
        unsubscribe = () => stops.forEach((stop) => stop());
        attempt();
      });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [request, session, inform]);
}
