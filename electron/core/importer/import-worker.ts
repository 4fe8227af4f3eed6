import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from './file-walk';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';

// One module, two roles: an import job (walks, writes the index) and the header readers it
// starts (parse files in parallel). One entry keeps every door's build simple; each role loads
// only its own code, so that a header reader starts without SQLite and the import pipeline.
type WorkerRole = { role: 'scan' } | ({ role?: 'import' } & ImportWorkerData);
const data = workerData as WorkerRole;
const moduleUrl = import.meta.url;

if (data.role === 'scan') {
  // Messages that arrive before the listener is attached wait in the port's queue.
  void import('./scan-file').then(({ scanFile }) => {
    parentPort?.on('message', ({ id, files }: { id: number; files: FoundFile[] }) => {
      parentPort?.postMessage({ id, scans: files.map(scanFile) });
    });
  });
} else {
  void import('./import-job-runner').then(({ runImportJob }) =>
    runImportJob(data, (message: ImportWorkerMessage) => parentPort?.postMessage(message), moduleUrl),
  );
}
