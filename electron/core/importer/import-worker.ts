import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorShape } from '../../../shared/errors';
import { openDatabase } from '../db/open-database';
import { recordImportRun } from '../index/import-runs';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';
import { runImport } from './run-import';
import type { FoundFile } from './file-walk';
import { scanFile } from './scan-file';
import { ScanPool } from './scan-pool';
import { startWorker } from './worker-entry';

// One module, two roles: the import worker (walks, writes the index, one per import) and the
// header readers it starts (parse files in parallel). One entry keeps every door's build simple.
type WorkerRole = { role: 'scan' } | ({ role?: 'import' } & ImportWorkerData);
const data = workerData as WorkerRole;

if (data.role === 'scan') {
  parentPort?.on('message', ({ id, files }: { id: number; files: FoundFile[] }) => {
    parentPort?.postMessage({ id, scans: files.map(scanFile) });
  });
} else {
  void runImportWorker(data);
}

async function runImportWorker(job: ImportWorkerData): Promise<void> {
  const cancel = new Int32Array(job.cancelFlag);
  const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);
  // Header readers start only once a file needs reading: a re-import of unchanged files needs none.
  let pool: ScanPool | null = null;
  const readers = Math.max(1, Math.min(4, availableParallelism()));
  try {
    const db = openDatabase(job.dataDir);
    try {
      const { cancelled, ...report } = await runImport(db, job.sources, {
        isCancelled: () => Atomics.load(cancel, 0) === 1,
        onProgress: (progress) => post({ type: 'progress', progress }),
        scan: (files) => {
          pool ??= new ScanPool(Array.from({ length: readers }, () => startWorker(import.meta.url, { role: 'scan' })));
          return pool.scan(files);
        },
      });
      recordImportRun(db, job.sources, report);
      post({ type: 'finished', report, cancelled });
    } finally {
      db.close();
    }
  } catch (error) {
    post({ type: 'failed', message: toErrorShape(error).message });
  } finally {
    await (pool as ScanPool | null)?.close();
  }
}
