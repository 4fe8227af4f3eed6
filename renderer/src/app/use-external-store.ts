import { useSyncExternalStore } from 'react';
import type { ExternalStore } from '../services/viewer/external-store';

/** The value of an external store, re-rendering on change. */
export function useExternalStore<T>(store: ExternalStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
