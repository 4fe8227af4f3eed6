import { parentPort, workerData } from 'node:worker_threads';
import type { FoundFile } from './file-walk';
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker-protocol';

// One module, two roles: the import worker (runs import jobs: walks, writes the index) and the
// header readers a job starts (parse files in parallel). One entry keeps every door's build
// simple; each role loads only its own code, so that a header reader starts without SQLite and
// the import pipeline. The import worker stays for the next job: a re-import, mostly a walk and a
// stat of each file, must not pay a thread's start and module load every time.
type WorkerRole = { role: 'scan' } | { role: 'import' };
const data = workerData as WorkerRole;
const moduleUrl = import.meta.url;

if (data.role === 'scan') {
  // Messages that arrive before the listener is attached wait in the port's queue.
  void import('./scan-file').then(({ scanFile }) => {
    parentPort?.on('message', ({ id, files }: { id: number; files: FoundFile[] }) => {
      parentPort?.postMessage({ id, scans: files.map((file) => scanFile(file)) });
    });
  });
} else {
  const runner = import('./import-job-runner');
  parentPort?.on('message', (job: ImportWorkerData) => {
    void runner.then(({ runImportJob }) => runImportJob(job, (message: ImportWorkerMessage) => parentPort?.postMessage(message), moduleUrl));
  });
}
