import { setTimeout as delay } from 'node:timers/promises';

/** What every job manager (imports, exports, analyses) offers a door. */
export interface JobManager<S> {
  status(jobId: string): S;
  wait(jobId: string): Promise<S>;
}

/**
 * A job's status, after waiting up to `waitMs` for it to end (a long poll): a door that waits on a
 * job (the CLI) asks through the contract without polling fast, and hears of the end at once.
 * @param waitMs - how long to wait for the end; 0 answers at once
 */
export async function awaitStatus<S>(jobs: JobManager<S>, jobId: string, waitMs = 0): Promise<S> {
  const now = jobs.status(jobId);
  if (waitMs <= 0) return now;
  const timer = new AbortController();
  await Promise.race([jobs.wait(jobId).finally(() => timer.abort()), delay(waitMs, undefined, { signal: timer.signal }).catch(() => undefined)]);
  return jobs.status(jobId);
}
