import { useCallback, useEffect, useState } from 'react';
import type { RetrieveStatus } from '@shared/pacs/retrieve-job';
import { ApiError, errorMessage } from '../../api/api-error';
import { call } from '../../api/client';
import { useIndexVersion } from '../../app/index-version';
import { startRetrieve, useRetrieve } from './retrieve-store';

/** Where a series stands for a view that needs its images here. */
export type OnDemand =
  | { state: 'checking' }
  | { state: 'here' }
  | { state: 'retrieving'; status: RetrieveStatus | null }
  | { state: 'failed'; reason: string };

/** How far this page got: checked the index, started a retrieve, or could not start one. */
type Started = { state: 'checking' | 'here' } | { state: 'job'; jobId: string } | { state: 'failed'; reason: string };

/** Whether this workstation's index holds images of the series (imported, or retrieved before). */
async function seriesHere(studyInstanceUid: string, seriesInstanceUid: string): Promise<boolean> {
  try {
    const { series } = await call('studies.get', { studyInstanceUid });
    return series.some((s) => s.seriesInstanceUid === seriesInstanceUid && s.instanceCount > 0);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return false;
    throw error;
  }
}

/**
 * A series the view needs (a lesion's, received from another workstation): at once when its images
 * are here; otherwise retrieved from the configured PACS through the PACS feature's retrieve store
 * (the series alone: what the view shows, soonest), `here` once the whole series is indexed, or why
 * it could not be (no PACS configured, the PACS unreachable or without the study, cancelled).
 * `retry` checks and retrieves again (a resumed retrieve skips what arrived).
 */
export function useStudyOnDemand(studyInstanceUid: string, seriesInstanceUid: string): { onDemand: OnDemand; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [started, setStarted] = useState<Started>({ state: 'checking' });
  const status = useRetrieve(studyInstanceUid);
  const { bump } = useIndexVersion();

  useEffect(() => {
    let live = true;
    setStarted({ state: 'checking' });
    seriesHere(studyInstanceUid, seriesInstanceUid)
      .then(async (here) => {
        if (here) return live && setStarted({ state: 'here' });
        const jobId = await startRetrieve(studyInstanceUid, seriesInstanceUid);
        if (live) setStarted({ state: 'job', jobId });
      })
      .catch((error: unknown) => live && setStarted({ state: 'failed', reason: errorMessage(error) }));
    return () => {
      live = false;
    };
  }, [studyInstanceUid, seriesInstanceUid, attempt]);

  // The study is in the index now: lists showing This workstation's studies refresh.
  const ended = started.state === 'job' && status?.jobId === started.jobId && status.state !== 'running';
  useEffect(() => {
    if (ended) bump();
  }, [ended, bump]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { onDemand: onDemandOf(started, status, seriesInstanceUid), retry };
}

function onDemandOf(started: Started, status: RetrieveStatus | null, seriesInstanceUid: string): OnDemand {
  if (started.state !== 'job') return started;
  // The store's status may be an earlier retrieve's of the study until this one's first answer.
  const mine = status?.jobId === started.jobId ? status : null;
  if (!mine || mine.state === 'running') return { state: 'retrieving', status: mine };
  if (mine.state === 'done') {
    // Every instance refused by the index (not DICOM, no pixel data): nothing to show.
    const indexed = mine.progress.series.find((s) => s.seriesInstanceUid === seriesInstanceUid)?.indexed ?? 0;
    if (indexed > 0) return { state: 'here' };
    const refusal = mine.result?.refused[0];
    return { state: 'failed', reason: `The PACS sent the series, but none of its instances could be indexed${refusal ? `: ${refusal.reason}` : '.'}` };
  }
  if (mine.state === 'cancelled') return { state: 'failed', reason: `The retrieve was cancelled after ${mine.progress.instancesDone} of ${mine.progress.instancesTotal} instances.` };
  return { state: 'failed', reason: mine.error ?? 'The retrieve failed.' };
}
