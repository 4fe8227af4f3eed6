import { useCallback, useSyncExternalStore } from 'react';
import type { ExternalStore } from '../../services/viewer/external-store';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import type { ViewportState } from '../../services/viewer/viewport-state';

/** One viewport's live state (status, slice, window, pixel under the mouse). */
export function useViewportState(session: ViewerSession, viewportId: string): ViewportState {
  const subscribe = useCallback((listener: () => void) => session.store.subscribe(viewportId, listener), [session, viewportId]);
  const get = useCallback(() => session.store.get(viewportId), [session, viewportId]);
  return useSyncExternalStore(subscribe, get);
}

/** The value of an external store, re-rendering on change. */
export function useExternalStore<T>(store: ExternalStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
