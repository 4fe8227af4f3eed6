import type { ImportProgress, ImportReport } from '@shared/import/import-job';

/** What the thread that starts an import hands to the import worker. */
export interface ImportWorkerData {
  dataDir: string;
  sources: string[];
  /** One Int32 set to 1 to ask the worker to stop after the file it is reading. */
  cancelFlag: SharedArrayBuffer;
}

/** Messages from the import worker to the thread that started it. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'finished'; report: ImportReport; cancelled: boolean }
  | { type: 'failed'; message: string };
