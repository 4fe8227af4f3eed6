import { useSyncExternalStore } from 'react';
import { firstSliceIndexed, type RetrieveStatus } from '@shared/pacs/retrieve-job';
import { ApiError, errorMessage } from '../../api/api-error';
import { call } from '../../api/client';
import type { SeriesArrival } from '../../services/viewer/mpr';

/** How often a running retrieve is asked for its progress. */
const POLL_MS = 250;
/**
 * While nothing of the series shown first is indexed, the host is asked to answer as soon as a
 * slice is (a long poll), or after this long, so that the progress shown still moves on a slow
 * PACS. Polled every 40 ms before, the page learnt of the first slice 20 ms late on average,
 * and later when the host was busy receiving.
 */
const FIRST_SLICE_WAIT_MS = 1000;

const byStudy = new Map<string, RetrieveStatus>();
const listeners = new Set<() => void>();
const polling = new Set<string>();

function publish(status: RetrieveStatus): void {
  byStudy.set(status.studyInstanceUid, status);
  for (const listener of listeners) listener();
}

/** Asking a retrieve's progress again after a failed ask (the host busy, or restarting), this often and this many times in a row. */
const STATUS_RETRY_MS = 1000;
const STATUS_TRIES = 5;

/** The last status this page holds of a job, or a bare one of a job it has not heard from yet. */
function lastStatus(jobId: string, studyInstanceUid: string): RetrieveStatus {
  const known = byStudy.get(studyInstanceUid);
  if (known?.jobId === jobId) return known;
  return { jobId, studyInstanceUid, state: 'running', progress: { instancesDone: 0, instancesTotal: 0, cached: 0, bytes: 0, bytesPerSecond: 0, seconds: 0, series: [] }, result: null, error: null };
}

function poll(jobId: string, studyInstanceUid: string): void {
  if (polling.has(jobId)) return;
  polling.add(jobId);
  let failures = 0;
  const tick = (untilFirstSlice: boolean) => {
    const request = untilFirstSlice ? { jobId, waitMs: FIRST_SLICE_WAIT_MS, until: 'first-slice' as const } : { jobId };
    call('pacs.retrieveStatus', request).then(
      (status) => {
        failures = 0;
        publish(status);
        if (status.state !== 'running') return void polling.delete(jobId);
        if (!firstSliceIndexed(status.progress)) tick(true);
        else setTimeout(() => tick(false), POLL_MS);
      },
      (error: unknown) => {
        failures += 1;
        // A host that no longer knows the job (it restarted), or that keeps failing: the page says
        // so and offers Open again, rather than show "Retrieving" for ever. A passing failure is asked again.
        if ((error instanceof ApiError && error.code === 'not_found') || failures >= STATUS_TRIES) {
          polling.delete(jobId);
          publish({ ...lastStatus(jobId, studyInstanceUid), state: 'failed', error: `This page lost track of the retrieve (${errorMessage(error).replace(/\.$/, '')}).` });
        } else setTimeout(() => tick(untilFirstSlice), STATUS_RETRY_MS);
      },
    );
  };
  // At once first, so that the banner shows the retrieve started; then the long poll.
  tick(false);
}

/**
 * Starts (or joins) the retrieve of a study and follows its progress in this page. `forViewer`:
 * a viewer opens on its first slice, and the host holds the rest until it is shown (noteFirstImageShown).
 */
export async function startRetrieve(studyInstanceUid: string, seriesInstanceUid?: string, options: { forViewer?: boolean } = {}): Promise<string> {
  const { jobId } = await call('pacs.retrieve', { studyInstanceUid, ...(seriesInstanceUid ? { seriesInstanceUid } : {}), ...(options.forViewer ? { forViewer: true } : {}) });
  poll(jobId, studyInstanceUid);
  return jobId;
}

/** The viewer shows the first image of a study this page is retrieving: the retrieve reads on at full speed. */
export function noteFirstImageShown(studyInstanceUid: string): void {
  const status = byStudy.get(studyInstanceUid);
  // Told again (the viewer mounted anew), the host answers and nothing else happens.
  if (!status || status.state !== 'running') return;
  // Nothing to tell the reader if it fails: the host lets the retrieve read on by itself within a second.
  call('pacs.retrieveShown', { jobId: status.jobId }).catch(() => undefined);
}

/** Asks a retrieve to stop; what arrived stays, and opening the study again resumes. */
export async function cancelRetrieve(jobId: string): Promise<void> {
  publish(await call('pacs.retrieveCancel', { jobId }));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The latest status of this page's retrieve of a study, or null when it started none. */
export function useRetrieve(studyInstanceUid: string | null): RetrieveStatus | null {
  return useSyncExternalStore(subscribe, () => (studyInstanceUid ? (byStudy.get(studyInstanceUid) ?? null) : null));
}

/** Instances of a series indexed so far (of how many) by a retrieve in this page, or null when none is bringing it. */
export function arrivedInstances(seriesInstanceUid: string): SeriesArrival | null {
  for (const status of byStudy.values()) {
    const series = status.progress.series.find((s) => s.seriesInstanceUid === seriesInstanceUid);
    if (series) return { indexed: series.indexed, total: series.total, running: status.state === 'running' };
  }
  return null;
}

/** Follows arrivals of any series (for the viewer's stacks). */
export const subscribeToRetrieves = subscribe;
