import { useCallback, useSyncExternalStore } from 'react';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import type { ViewportState } from '../../services/viewer/viewport-state';

/** One viewport's live state (status, slice, window, pixel under the mouse). */
export function useViewportState(session: ViewerSession, viewportId: string): ViewportState {
  const subscribe = useCallback((listener: () => void) => session.store.subscribe(viewportId, listener), [session, viewportId]);
  const get = useCallback(() => session.store.get(viewportId), [session, viewportId]);
  return useSyncExternalStore(subscribe, get);
}

/** One viewport's status only: re-renders when it loads, shows or fails, not on every slice. */
export function useViewportStatus(session: ViewerSession, viewportId: string): ViewportState['status'] {
  const subscribe = useCallback((listener: () => void) => session.store.subscribe(viewportId, listener), [session, viewportId]);
  const get = useCallback(() => session.store.get(viewportId).status, [session, viewportId]);
  return useSyncExternalStore(subscribe, get);
}
