import type { ImportWorkerFactory } from './import-jobs';
import { startWorker } from './worker-entry';

/**
 * The import worker for the doors Node runs (CLI, host, tests): from source under tsx the
 * worker is import-worker.ts; in the CLI bundle it is import-worker.mjs beside the bundle.
 */
export const nodeImportWorker: ImportWorkerFactory = (data) => {
  const fromSource = import.meta.url.endsWith('.ts');
  return startWorker(new URL(fromSource ? './import-worker.ts' : './import-worker.mjs', import.meta.url).href, data);
};
