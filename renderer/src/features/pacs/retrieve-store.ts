import { useSyncExternalStore } from 'react';
import type { RetrieveStatus } from '@shared/pacs/retrieve-job';
import { call } from '../../api/client';

/** How often a running retrieve is asked for its progress. */
const POLL_MS = 250;
/**
 * How often while nothing of the study is indexed yet: the reader waits for the viewer to open on
 * the first slice, and at POLL_MS the page learnt of it 125 ms late on average (an answer is a
 * status read from memory on the loopback, about a millisecond).
 */
const FIRST_SLICE_POLL_MS = 40;

const byStudy = new Map<string, RetrieveStatus>();
const listeners = new Set<() => void>();
const polling = new Set<string>();

function publish(status: RetrieveStatus): void {
  byStudy.set(status.studyInstanceUid, status);
  for (const listener of listeners) listener();
}

function poll(jobId: string): void {
  if (polling.has(jobId)) return;
  polling.add(jobId);
  const tick = () => {
    call('pacs.retrieveStatus', { jobId }).then(
      (status) => {
        publish(status);
        const waitingForFirst = status.progress.series.every((series) => series.indexed === 0);
        if (status.state === 'running') setTimeout(tick, waitingForFirst ? FIRST_SLICE_POLL_MS : POLL_MS);
        else polling.delete(jobId);
      },
      () => polling.delete(jobId),
    );
  };
  tick();
}

/** Starts (or joins) the retrieve of a study and follows its progress in this page. */
export async function startRetrieve(studyInstanceUid: string, seriesInstanceUid?: string): Promise<string> {
  const { jobId } = await call('pacs.retrieve', { studyInstanceUid, ...(seriesInstanceUid ? { seriesInstanceUid } : {}) });
  poll(jobId);
  return jobId;
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

/** Instances of a series indexed so far by a retrieve running in this page, or null when none is bringing it. */
export function arrivedInstances(seriesInstanceUid: string): { indexed: number; running: boolean } | null {
  for (const status of byStudy.values()) {
    const series = status.progress.series.find((s) => s.seriesInstanceUid === seriesInstanceUid);
    if (series) return { indexed: series.indexed, running: status.state === 'running' };
  }
  return null;
}

/** Follows arrivals of any series (for the viewer's stacks). */
export const subscribeToRetrieves = subscribe;
