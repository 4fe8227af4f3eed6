import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../importer/worker-entry';
import type { AnalysisWorkerJob, AnalysisWorkerMessage } from './analysis-worker-protocol';

/** Starts one analysis job and reports its messages; how and where it runs is the door's choice. */
export type AnalysisRunner = (job: AnalysisWorkerJob, onMessage: (message: AnalysisWorkerMessage) => void) => void;

/**
 * The analysis worker module for the doors Node runs (CLI, host, tests): analysis-worker.ts
 * from source under tsx, analysis-worker.mjs beside the CLI bundle.
 */
export function analysisWorkerModuleUrl(): string {
  return new URL(import.meta.url.endsWith('.ts') ? './analysis-worker.ts' : './analysis-worker.mjs', import.meta.url).href;
}

/**
 * Runs each job on a worker thread of its own, so that the thread serving the UI never waits and
 * the volume is freed with the worker when the job ends. A worker that dies fails its job.
 * @param start - starts a worker (Electron's bundle has its own factory); the module URL by default
 */
export function workerAnalysisRunner(start: () => Worker = () => startWorker(analysisWorkerModuleUrl(), null)): AnalysisRunner {
  return (job, onMessage) => {
    const worker = start();
    let settled = false;
    const finish = (message: AnalysisWorkerMessage) => {
      if (settled) return;
      settled = true;
      onMessage(message);
      void worker.terminate();
    };
    worker.on('message', (message: AnalysisWorkerMessage) => (message.type === 'progress' ? !settled && onMessage(message) : finish(message)));
    worker.on('error', (error) => finish({ type: 'failed', error: { code: 'internal', message: `The bone analysis stopped: ${error.message}` } }));
    worker.on('exit', (code) => finish({ type: 'failed', error: { code: 'internal', message: `The bone analysis stopped unexpectedly (exit code ${code}).` } }));
    worker.postMessage(job);
  };
}
