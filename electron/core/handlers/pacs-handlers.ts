import { awaitStatus } from '../jobs/await-status';
import type Database from 'better-sqlite3';
import type { Handlers } from '@shared/ipc/contract';
import { cacheStatus, markStudyOpened, setCacheLimit } from '../pacs/cache/cache-store';
import { evictToLimit } from '../pacs/cache/evict-cache';
import { holdStudy, releaseStudy } from '../pacs/cache/study-leases';
import { configuredTransport } from '../pacs/configured-transport';
import { localSeriesInstances, localStudyInstances } from '../pacs/local-counts';
import type { RetrieveJobs } from '../pacs/retrieve/retrieve-jobs';

type PacsHandlers = Pick<
  Handlers,
  | 'pacs.search'
  | 'pacs.series'
  | 'pacs.retrieve'
  | 'pacs.retrieveStatus'
  | 'pacs.retrieveCancel'
  | 'pacs.retrieveShown'
  | 'pacs.cache'
  | 'pacs.setCacheLimit'
  | 'studies.lease'
  | 'studies.release'
>;

/** Where the PACS channels work: the index, the cache folder, this session's retrieves. */
export interface PacsHandlerContext {
  db: Database.Database;
  cacheRoot: string;
  retrieves: RetrieveJobs;
}

/** The PACS source of the study browser: search, series, retrieve into the cache, and the cache's limit. */
export function pacsHandlers({ db, cacheRoot, retrieves }: PacsHandlerContext): PacsHandlers {
  return {
    'pacs.search': async ({ offset, limit, ...filter }) => {
      const page = await configuredTransport(db).searchStudies(filter, { offset, limit });
      const local = localStudyInstances(db, page.studies.map((s) => s.studyInstanceUid));
      return { studies: page.studies.map((s) => ({ ...s, localInstances: local.get(s.studyInstanceUid) ?? 0 })), offset, limit, more: page.more };
    },
    'pacs.series': async ({ studyInstanceUid }) => {
      const series = await configuredTransport(db).searchSeries(studyInstanceUid);
      const local = localSeriesInstances(db, series.map((s) => s.seriesInstanceUid));
      return series.map((s) => ({ ...s, localInstances: local.get(s.seriesInstanceUid) ?? 0 }));
    },
    'pacs.retrieve': async (request) => ({ jobId: retrieves.start(request) }),
    'pacs.retrieveStatus': async ({ jobId, waitMs, until }) =>
      awaitStatus(until === 'first-slice' ? { status: (id) => retrieves.status(id), wait: (id) => retrieves.firstSlice(id) } : retrieves, jobId, waitMs),
    'pacs.retrieveCancel': async ({ jobId }) => retrieves.cancel(jobId),
    'pacs.retrieveShown': async ({ jobId }) => retrieves.shown(jobId),
    'pacs.cache': async () => cacheStatus(db),
    'pacs.setCacheLimit': async ({ limitBytes }) => {
      setCacheLimit(db, limitBytes);
      evictToLimit(db, cacheRoot, retrieves.runningStudies());
      return cacheStatus(db);
    },
    'studies.lease': async (lease) => holdStudy(cacheRoot, lease),
    'studies.release': async (lease) => releaseStudy(cacheRoot, lease),
  };
}

/** Wraps `studies.get` (what opening a study asks) so that opening a cached study moves it to the back of the eviction order. */
export function markingOpenedStudies(db: Database.Database, get: Handlers['studies.get']): Handlers['studies.get'] {
  return async (request) => {
    const detail = await get(request);
    markStudyOpened(db, request.studyInstanceUid);
    return detail;
  };
}
