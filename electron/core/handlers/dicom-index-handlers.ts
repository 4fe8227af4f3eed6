import type Database from 'better-sqlite3';
import type { Handlers } from '@shared/ipc/contract';
import { seriesInstances } from '../index/instance-queries';
import { getStudy, removeStudy, searchStudies } from '../index/study-queries';

type IndexHandlers = Pick<Handlers, 'studies.search' | 'studies.get' | 'studies.remove' | 'series.instances'>;

/** The study browser's channels, over the index database. */
export function dicomIndexHandlers(db: Database.Database): IndexHandlers {
  return {
    'studies.search': async (query) => searchStudies(db, query),
    'studies.get': async ({ studyInstanceUid }) => getStudy(db, studyInstanceUid),
    'studies.remove': async ({ studyInstanceUid }) => ({ removedInstances: removeStudy(db, studyInstanceUid) }),
    'series.instances': async ({ seriesInstanceUid }) => seriesInstances(db, seriesInstanceUid),
  };
}
