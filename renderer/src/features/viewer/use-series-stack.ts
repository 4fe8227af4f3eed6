import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { forgetSeriesStack, loadSeriesStack, peekSeriesStack, type SeriesStack } from '../../services/viewer/series-stack';
import { useArrivingSeries } from '../pacs';

/** A series' stack in spatial order, or the reason it could not be listed. */
export type StackResult = { stack: SeriesStack | null; error: string | null };

/**
 * Loads a series' instances through the contract and orders them in space. A stack the page has
 * already loaded is returned at once, so that a viewport given it mounts in the same render.
 */
export function useSeriesStack(seriesUid: string | null): StackResult {
  const [result, setResult] = useState<StackResult & { uid: string | null }>({ uid: null, stack: null, error: null });
  useEffect(() => {
    if (!seriesUid || peekSeriesStack(seriesUid)) return;
    let live = true;
    loadSeriesStack(seriesUid).then(
      (stack) => live && setResult({ uid: seriesUid, stack, error: null }),
      (error: unknown) => live && setResult({ uid: seriesUid, stack: null, error: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [seriesUid]);
  // A series still arriving from the PACS is listed again as its slices are indexed; the stack
  // seen so far stays shown until the longer one is ready.
  const arrived = useArrivingSeries(seriesUid);
  useEffect(() => {
    if (!seriesUid || arrived === 0) return;
    let live = true;
    forgetSeriesStack(seriesUid);
    loadSeriesStack(seriesUid).then(
      (stack) => live && setResult({ uid: seriesUid, stack, error: null }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [seriesUid, arrived]);
  const known = seriesUid ? peekSeriesStack(seriesUid) : undefined;
  if (known) return { stack: known, error: null };
  return result.uid === seriesUid ? result : { stack: null, error: null };
}
