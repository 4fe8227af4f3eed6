import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportWorkerFactory } from './import-jobs';

/**
 * The import worker for doors that run the TypeScript sources directly (the CLI, the browser-mode
 * host and the tests). A worker does not inherit tsx's loader, so a two-line bootstrap registers
 * it before importing the worker module.
 */
export const nodeImportWorker: ImportWorkerFactory = (data) => {
  // The ESM build of tsx's API, as its package exports map names it for `import`.
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL('./import-worker.ts', import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: data });
};
