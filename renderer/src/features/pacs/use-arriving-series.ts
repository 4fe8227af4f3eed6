import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SeriesArrival } from '../../services/viewer/mpr';
import { arrivedInstances, subscribeToRetrieves } from './retrieve-store';

/** A stack is rebuilt at most this often while its series arrives: each rebuild sets the viewport's images again. */
const REFRESH_MS = 1500;

/** What a retrieve running in this page has indexed of a series, as a key ('' when none is bringing it). */
function arrivedKey(seriesInstanceUid: string | null): string {
  const a = seriesInstanceUid ? arrivedInstances(seriesInstanceUid) : null;
  return a ? `${a.indexed}:${a.running}` : '';
}

/**
 * A number that changes when more of a series being retrieved has been indexed: at most every
 * REFRESH_MS while it arrives, and once more when its retrieve ends. 0 while nothing arrives, and
 * until more than had arrived when the caller mounted: the listing it makes as it mounts holds
 * those already (listing them again at once delayed the first image by a second listing).
 */
export function useArrivingSeries(seriesInstanceUid: string | null): number {
  const arrived = useSyncExternalStore(subscribeToRetrieves, () => arrivedKey(seriesInstanceUid));
  const [shown, setShown] = useState(() => ({ key: arrivedKey(seriesInstanceUid), at: Date.now(), atMount: true }));
  useEffect(() => {
    if (!arrived || arrived === shown.key) return;
    const done = arrived.endsWith(':false');
    const wait = done ? 0 : Math.max(0, shown.at + REFRESH_MS - Date.now());
    const timer = setTimeout(() => setShown({ key: arrived, at: Date.now(), atMount: false }), wait);
    return () => clearTimeout(timer);
  }, [arrived, shown]);
  return shown.key && !shown.atMount ? Number(shown.key.split(':')[0]) : 0;
}

/** How much of a series a retrieve in this page has indexed, of how many, and whether it still runs; null when none brought it. */
export function seriesArrival(seriesInstanceUid: string | null): SeriesArrival | null {
  return seriesInstanceUid ? arrivedInstances(seriesInstanceUid) : null;
}

/** seriesArrival, followed: the page re-renders as more of the series is indexed, and when its retrieve ends. */
export function useSeriesArrival(seriesInstanceUid: string | null): SeriesArrival | null {
  const key = useSyncExternalStore(subscribeToRetrieves, () => {
    const a = seriesArrival(seriesInstanceUid);
    return a ? `${a.indexed}/${a.total}/${a.running}` : '';
  });
  return useMemo(() => {
    if (!key) return null;
    const [indexed, total, running] = key.split('/');
    return { indexed: Number(indexed), total: Number(total), running: running === 'true' };
  }, [key]);
}

/**
 * Resolves once no retrieve in this page brings a series any more (it ended, failed or was
 * cancelled), or at once when `signal` aborts; it stops following the retrieves either way.
 */
export function whenSeriesArrived(seriesInstanceUid: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!signal.aborted && arrivedInstances(seriesInstanceUid)?.running) return;
      unsubscribe();
      signal.removeEventListener('abort', check);
      resolve();
    };
    const unsubscribe = subscribeToRetrieves(check);
    signal.addEventListener('abort', check);
    check();
  });
}
