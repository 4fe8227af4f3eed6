import { availableParallelism } from 'node:os';
import { toErrorShape } from '@shared/errors';
import { explainDatabaseError } from '../db/database-errors';
import { openDatabase } from '../db/open-database';
import { importDisplayNames } from '../files/upload-batch';
import { recordImportRun } from '../index/import-runs';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';
import { runImport } from './run-import';
import { ScanPool } from './scan-pool';
import { startWorker } from './worker-entry';

/**
 * Runs one import job to its end on the calling thread, reporting through `post`: its own
 * database connection, header readers on worker threads started only once a file needs reading.
 * `readerModuleUrl` is the module that serves as a header reader (the import worker module).
 */
export async function runImportJob(job: ImportWorkerData, post: (message: ImportWorkerMessage) => void, readerModuleUrl: string): Promise<void> {
  const cancel = new Int32Array(job.cancelFlag);
  let pool: ScanPool | null = null;
  const readers = Math.max(1, Math.min(4, availableParallelism()));
  const startReaders = (): ScanPool => (pool ??= new ScanPool(Array.from({ length: readers }, () => startWorker(readerModuleUrl, { role: 'scan' }))));
  try {
    const db = openDatabase(job.dataDir);
    try {
      const { cancelled, ...report } = await runImport(db, job.sources, {
        isCancelled: () => Atomics.load(cancel, 0) === 1,
        onProgress: (progress) => post({ type: 'progress', progress }),
        willScan: startReaders,
        scan: (files) => startReaders().scan(files),
        displayName: importDisplayNames(job.dataDir),
      });
      recordImportRun(db, job.sources, report);
      post({ type: 'finished', report, cancelled });
    } finally {
      db.close();
    }
  } catch (error) {
    post({ type: 'failed', message: toErrorShape(explainDatabaseError(error)).message });
  } finally {
    await (pool as ScanPool | null)?.close();
  }
}
