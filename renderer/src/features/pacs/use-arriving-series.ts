import { useEffect, useState, useSyncExternalStore } from 'react';
import { arrivedInstances, subscribeToRetrieves } from './retrieve-store';

/** A stack is rebuilt at most this often while its series arrives: each rebuild sets the viewport's images again. */
const REFRESH_MS = 1500;

/**
 * A number that changes when more of a series being retrieved has been indexed: at most every
 * REFRESH_MS while it arrives, and once more when its retrieve ends. 0 while nothing arrives.
 */
export function useArrivingSeries(seriesInstanceUid: string | null): number {
  const arrived = useSyncExternalStore(subscribeToRetrieves, () => {
    const a = seriesInstanceUid ? arrivedInstances(seriesInstanceUid) : null;
    return a ? `${a.indexed}:${a.running}` : '';
  });
  const [shown, setShown] = useState({ key: '', at: 0 });
  useEffect(() => {
    if (!arrived || arrived === shown.key) return;
    const done = arrived.endsWith(':false');
    const wait = done ? 0 : Math.max(0, shown.at + REFRESH_MS - Date.now());
    const timer = setTimeout(() => setShown({ key: arrived, at: Date.now() }), wait);
    return () => clearTimeout(timer);
  }, [arrived, shown]);
  return shown.key ? Number(shown.key.split(':')[0]) : 0;
}
