import type { Worker } from 'node:worker_threads';
import { runImportJob } from './import-job-runner';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';
import { startWorker } from './worker-entry';

/** Starts one import job and reports its messages; how and where it runs is the door's choice. */
export type ImportRunner = (data: ImportWorkerData, onMessage: (message: ImportWorkerMessage) => void) => void;

/**
 * The import worker module for the doors Node runs (CLI, host, tests): import-worker.ts from
 * source under tsx, import-worker.mjs beside the CLI bundle.
 */
export function importWorkerModuleUrl(): string {
  return new URL(import.meta.url.endsWith('.ts') ? './import-worker.ts' : './import-worker.mjs', import.meta.url).href;
}

/** What an import worker is started with: its role (see import-worker.ts). */
export interface ImportWorkerRole {
  role: 'import';
}

/**
 * Runs jobs on import worker threads, so the thread that serves the UI never waits for them. A
 * worker that finished a job waits (unreferenced: it never keeps the process alive) for the next,
 * so a re-import does not pay a thread's start-up; jobs at the same time get a worker each.
 */
export function workerImportRunner(start: (data: ImportWorkerRole) => Worker = (data) => startWorker(importWorkerModuleUrl(), data)): ImportRunner {
  const idle: Worker[] = [];
  // The job each busy worker runs, told when its worker dies under it.
  const running = new Map<Worker, (message: string) => void>();
  const watched = (worker: Worker): Worker => {
    const lost = (message: string) => {
      if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
      const fail = running.get(worker);
      running.delete(worker);
      fail?.(message);
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => lost(`The import stopped unexpectedly (exit code ${code}).`));
    return worker;
  };
  return (job, onMessage) => {
    const worker = idle.pop() ?? watched(start({ role: 'import' }));
    const onWorkerMessage = (message: ImportWorkerMessage) => {
      onMessage(message);
      if (message.type === 'progress') return;
      worker.off('message', onWorkerMessage);
      running.delete(worker);
      worker.unref();
      idle.push(worker);
    };
    running.set(worker, (message) => {
      worker.off('message', onWorkerMessage);
      onMessage({ type: 'failed', message });
    });
    worker.ref();
    worker.on('message', onWorkerMessage);
    worker.postMessage(job);
  };
}

/**
 * Runs each job on the calling thread (header reading still goes to worker threads). For the
 * CLI, which has no UI to keep responsive and should not pay for a second thread's start-up.
 */
export const inProcessImportRunner: ImportRunner = (data, onMessage) => {
  void runImportJob(data, onMessage, importWorkerModuleUrl());
};
