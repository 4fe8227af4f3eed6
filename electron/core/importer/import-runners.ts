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

/** Runs each job on its own worker thread, so the thread that serves the UI never waits for it. */
export function workerImportRunner(start: (data: ImportWorkerData) => Worker = (data) => startWorker(importWorkerModuleUrl(), data)): ImportRunner {
  return (data, onMessage) => {
    const worker = start(data);
    worker.on('message', onMessage);
    worker.on('error', (error) => onMessage({ type: 'failed', message: error.message }));
    worker.on('exit', (code) => onMessage({ type: 'failed', message: `The import stopped unexpectedly (exit code ${code}).` }));
  };
}

/**
 * Runs each job on the calling thread (header reading still goes to worker threads). For the
 * CLI, which has no UI to keep responsive and should not pay for a second thread's start-up.
 */
export const inProcessImportRunner: ImportRunner = (data, onMessage) => {
  void runImportJob(data, onMessage, importWorkerModuleUrl());
};
