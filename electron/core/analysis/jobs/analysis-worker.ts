import { parentPort } from 'node:worker_threads';
import type { AnalysisWorkerJob, AnalysisWorkerMessage } from './analysis-worker-protocol';
import { runAnalysisJob } from './run-analysis-job';

// The analysis worker: one job per worker, so that the volume (up to a few hundred MB) goes
// with the worker when the job ends. Messages that arrive before the listener waits are queued.
parentPort?.once('message', (job: AnalysisWorkerJob) => {
  runAnalysisJob(job, (message: AnalysisWorkerMessage) => parentPort?.postMessage(message));
});
