import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { listAnnotations } from './annotation-store';
import { listLesions } from './lesion-store';

/** What a study's readers recorded: its lesions (all, or some), every drawing on it, and the readers' names. */
export interface StudyRecords {
  lesions: Lesion[];
  annotations: Annotation[];
  /** Initials -> the name given at sign-in, for every reader named on this workstation. */
  readerNames: Map<string, string>;
}

/** Initials -> name of every reader named on this workstation. */
export function readerNames(db: Database.Database): Map<string, string> {
  return new Map((db.prepare('SELECT initials, name FROM readers').all() as { initials: string; name: string }[]).map((r) => [r.initials, r.name]));
}

/**
 * The one loader of a study's records for the exports: its lesions in the order they were marked
 * (one reader's, or chosen ones, when asked), all its drawings, and the readers' names.
 * @param filter.reader - one reader's lesions only
 * @param filter.lesionIds - only these lesions
 */
export function studyRecords(db: Database.Database, studyInstanceUid: string, filter: { reader?: string; lesionIds?: readonly string[] } = {}): StudyRecords {
  const chosen = filter.lesionIds ? new Set(filter.lesionIds) : null;
  return {
    lesions: listLesions(db, { studyInstanceUid, reader: filter.reader }).filter((l) => !chosen || chosen.has(l.id)),
    annotations: listAnnotations(db, studyInstanceUid),
    readerNames: readerNames(db),
  };
}
