import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../../shared/errors';
import { openDatabase } from '../db/open-database';
import { recordImportRun } from '../index/import-runs';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';
import { runImport } from './run-import';

// The import worker: owns its own database connection and runs one import off the UI thread.
const data = workerData as ImportWorkerData;
const cancel = new Int32Array(data.cancelFlag);
const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);

try {
  const db = openDatabase(data.dataDir);
  try {
    const { cancelled, ...report } = runImport(db, data.sources, {
      isCancelled: () => Atomics.load(cancel, 0) === 1,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    recordImportRun(db, data.sources, report);
    post({ type: 'finished', report, cancelled });
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: 'failed', message: toErrorShape(error).message });
}
