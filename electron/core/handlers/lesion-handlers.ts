import type Database from 'better-sqlite3';
import type { Handlers } from '@shared/ipc/contract';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { deleteAnnotation, listAnnotations, saveAnnotation } from '../lesions/annotation-store';
import { auditTrail } from '../lesions/audit-log';
import { deleteLesion, listScoredLesions, readRevisedLesion, saveLesions, saveRevisedLesion } from '../lesions/lesion-store';
import { readerRecords } from '../lesions/reader-records';
import { confineToRoots } from '../files/import-roots';
import { lesionOrigins } from '../pacs/team-records';
import { AppError } from '@shared/errors';
import { currentReader, requireLesionReader, requireReader, setCurrentReader } from '../lesions/reader-settings';

type LesionHandlers = Pick<
  Handlers,
  | 'reader.get' | 'reader.set' | 'reader.records' | 'lesions.list' | 'lesions.get' | 'lesions.save' | 'lesions.saveAll' | 'lesions.delete' | 'lesions.score' | 'lesions.importSr'
  | 'annotations.list' | 'annotations.save' | 'annotations.delete' | 'audit.trail'
>;

/**
 * The reader, lesion, annotation and audit channels. Writes need a named reader and touch only
 * that reader's own records (a reviewing specialist records no lesion); reads show the reader's own by default.
 * @param roots - the folders a named file (an SR to import) must lie in
 */
export function lesionHandlers(db: Database.Database, roots: readonly string[]): LesionHandlers {
  const ownUnlessAll = (allReaders?: boolean) => (allReaders ? undefined : currentReader(db)?.initials ?? '');
  return {
    'reader.get': async () => currentReader(db),
    'reader.set': async (reader) => setCurrentReader(db, reader),
    'reader.records': async ({ initials }) => readerRecords(db, initials),
    'lesions.list': async ({ studyInstanceUid, allReaders }) => {
      return listScoredLesions(db, { studyInstanceUid, reader: ownUnlessAll(allReaders) });
    },
    'lesions.get': async ({ id }) => {
      const stored = readRevisedLesion(db, id);
      if (!stored) throw new AppError('not_found', `No lesion ${id}: it may have been deleted.`);
      return { ...stored, scores: scoreLesion(stored.lesion), origin: lesionOrigins(db, [id]).get(id) ?? null };
    },
    'lesions.save': async ({ lesion, revision }) => {
      const saved = saveRevisedLesion(db, lesion, requireLesionReader(db), revision);
      return { ...saved, scores: scoreLesion(saved.lesion) };
    },
    'lesions.saveAll': async ({ lesions, revisions }) =>
      saveLesions(db, lesions, requireLesionReader(db), new Map(Object.entries(revisions ?? {}))).map((saved) => ({ ...saved, scores: scoreLesion(saved.lesion) })),
    'lesions.delete': async ({ id, revision }) => {
      deleteLesion(db, id, requireLesionReader(db), revision);
      return { deleted: true as const };
    },
    'lesions.score': async ({ lesions }) => lesions.map(scoreLesion),
    'lesions.importSr': async ({ path, replace }) => {
      // The SR writer and reader load on the first import, not at every start.
      const { importMeasurementReport } = await import('../export/sr/import-measurement-report');
      const report = importMeasurementReport(db, confineToRoots(path, roots), requireLesionReader(db), { replace });
      return { studyInstanceUid: report.studyInstanceUid, lesions: report.lesions.length, annotations: report.annotations.length };
    },
    'annotations.list': async ({ studyInstanceUid, allReaders }) => listAnnotations(db, studyInstanceUid, ownUnlessAll(allReaders)),
    'annotations.save': async ({ annotation }) => saveAnnotation(db, annotation, requireReader(db)),
    'annotations.delete': async ({ id }) => {
      deleteAnnotation(db, id, requireReader(db));
      return { deleted: true as const };
    },
    'audit.trail': async ({ entityId }) => auditTrail(db, entityId),
  };
}
