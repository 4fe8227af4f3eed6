import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from './file-walk';
import { runImportJob } from './import-job-runner';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';
import { scanFile } from './scan-file';

// One module, two roles: an import job (walks, writes the index) and the header readers it
// starts (parse files in parallel). One entry keeps every door's build simple.
type WorkerRole = { role: 'scan' } | ({ role?: 'import' } & ImportWorkerData);
const data = workerData as WorkerRole;

if (data.role === 'scan') {
  parentPort?.on('message', ({ id, files }: { id: number; files: FoundFile[] }) => {
    parentPort?.postMessage({ id, scans: files.map(scanFile) });
  });
} else {
  void runImportJob(data, (message: ImportWorkerMessage) => parentPort?.postMessage(message), import.meta.url);
}
