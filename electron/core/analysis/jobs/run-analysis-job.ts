import { toErrorShape } from '@shared/errors';
import type { AnalysisProgress } from '@shared/analysis/analysis-job';
import { cancellableHooks } from '../analysis-hooks';
import { analyzeBone } from '../analyze-bone';
import { readCtVolume } from '../volume/read-ct-volume';
import type { AnalysisWorkerJob, AnalysisWorkerMessage } from './analysis-worker-protocol';

/** Progress is posted at most once per this share of the job, so the messages stay few. */
const PROGRESS_STEP = 0.01;

/**
 * Runs one bone analysis to its end on the calling thread (a worker's), reporting through
 * `post`: reads the series into a volume, analyses it, and posts the result or the typed error
 * (a refusal, a cancellation, an unreadable file).
 */
export function runAnalysisJob(job: AnalysisWorkerJob, post: (message: AnalysisWorkerMessage) => void): void {
  const cancel = new Int32Array(job.cancelFlag);
  let last: AnalysisProgress = { stage: 'reading', fraction: 0 };
  const hooks = cancellableHooks(
    () => Atomics.load(cancel, 0) === 1,
    (stage, fraction) => {
      if (stage === last.stage && fraction - last.fraction < PROGRESS_STEP) return;
      last = { stage, fraction: Math.min(1, Math.max(0, fraction)) };
      post({ type: 'progress', progress: last });
    },
  );
  try {
    const volume = readCtVolume(job.source, hooks);
    post({ type: 'done', result: analyzeBone(volume, job.request, hooks) });
  } catch (error) {
    post({ type: 'failed', error: toErrorShape(error) });
  }
}
