import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { forgetSeriesStack, loadSeriesStack, peekSeriesStack, type SeriesStack } from '../../services/viewer/series-stack';
import { useArrivingSeries, useSeriesArrival } from '../pacs';

/** A series' stack in spatial order, or the reason it could not be listed. */
export type StackResult = { stack: SeriesStack | null; error: string | null };

type Listing = StackResult & { uid: string | null };

/**
 * Lists a series again (the instances indexed since the last listing) and shows the longer
 * stack; the stack seen so far stays shown until then. Returns the effect's cleanup.
 */
function listAgain(seriesUid: string, show: (listing: Listing) => void): () => void {
  let live = true;
  forgetSeriesStack(seriesUid);
  loadSeriesStack(seriesUid).then(
    (stack) => live && show({ uid: seriesUid, stack, error: null }),
    () => undefined,
  );
  return () => {
    live = false;
  };
}

/**
 * Loads a series' instances through the contract and orders them in space. A stack the page has
 * already loaded is returned at once, so that a viewport given it mounts in the same render.
 */
export function useSeriesStack(seriesUid: string | null): StackResult {
  const [result, setResult] = useState<Listing>({ uid: null, stack: null, error: null });
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
  // A series still arriving from the PACS is listed again as its slices are indexed.
  const arrived = useArrivingSeries(seriesUid);
  useEffect(() => (seriesUid && arrived !== 0 ? listAgain(seriesUid, setResult) : undefined), [seriesUid, arrived]);
  const known = seriesUid ? peekSeriesStack(seriesUid) : undefined;
  // A listing made before this mounted (as the address changed) may predate the end of the
  // retrieve, with nothing left to arrive after it: listed again when it holds fewer instances
  // than the ended retrieve indexed.
  const shown = known ?? (result.uid === seriesUid ? result.stack : null);
  const arrival = useSeriesArrival(seriesUid);
  // Only when no arrival was followed since the mount: otherwise the listing above takes the last ones.
  const behind = arrived === 0 && arrival !== null && !arrival.running && shown !== null && shown.instances.length < arrival.indexed ? arrival.indexed : 0;
  useEffect(() => (seriesUid && behind !== 0 ? listAgain(seriesUid, setResult) : undefined), [seriesUid, behind]);
  if (known) return { stack: known, error: null };
  return result.uid === seriesUid ? result : { stack: null, error: null };
}
