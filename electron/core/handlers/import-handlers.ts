import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { awaitStatus } from '../jobs/await-status';
import type { Handlers } from '@shared/ipc/contract';
import { browseFolder } from '../files/browse-folder';
import { confineToRoots } from '../files/import-roots';
import { importDisplayNames, uploadBatchDir } from '../files/upload-batch';
import { listImportRuns } from '../index/import-runs';
import type { ImportJobs } from '../importer/import-jobs';

type ImportHandlers = Pick<Handlers, 'import.start' | 'import.pick' | 'import.status' | 'import.cancel' | 'import.history' | 'files.browse'>;

export interface ImportHandlerContext {
  db: Database.Database;
  dataDir: string;
  jobs: ImportJobs;
  /** Folders a renderer may name; paths outside them are refused. */
  roots: readonly string[];
  /** The system's own file dialog, where the door has one (Electron); its choice is trusted. */
  pickPaths?: (kind: 'folder' | 'files') => Promise<string[]>;
}

/** The import channels: start from paths or an upload batch, poll, cancel, history, browse. */
export function importHandlers(ctx: ImportHandlerContext): ImportHandlers {
  return {
    'import.start': async (source) => {
      const paths =
        'paths' in source
          ? source.paths.map((p) => confineToRoots(p, ctx.roots))
          : [uploadBatchDir(ctx.dataDir, source.uploadBatchId)];
      return { jobId: ctx.jobs.start(paths) };
    },
    'import.pick': async ({ kind }) => {
      if (!ctx.pickPaths) throw new AppError('unsupported', 'This window has no system file dialog: use the folder browser or drop files.');
      const paths = await ctx.pickPaths(kind);
      return { jobId: paths.length > 0 ? ctx.jobs.start(paths) : null };
    },
    'import.status': async ({ jobId, waitMs }) => awaitStatus(ctx.jobs, jobId, waitMs),
    'import.cancel': async ({ jobId }) => ctx.jobs.cancel(jobId),
    'import.history': async ({ limit }) => listImportRuns(ctx.db, limit ?? 20, importDisplayNames(ctx.dataDir)),
    'files.browse': async ({ path }) => browseFolder(path, ctx.roots),
  };
}
