import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import type { RecordOrigin } from '@shared/pacs/record-origin';
import { lesionOrigins } from '../pacs/team-records';
import { listAnnotations } from './annotation-store';
import { listLesions } from './lesion-store';

/** What a study's readers recorded: its lesions (all, or some), every drawing on it, the readers' names and the received lesions' origins. */
export interface StudyRecords {
  lesions: Lesion[];
  annotations: Annotation[];
  /** Initials -> the name given at sign-in, for every reader named on this workstation. */
  readerNames: Map<string, string>;
  /** Lesion id -> where it came from, for the lesions received from other workstations (their readers are not this workstation's). */
  origins: Map<string, RecordOrigin>;
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
  const lesions = listLesions(db, { studyInstanceUid, reader: filter.reader }).filter((l) => !chosen || chosen.has(l.id));
  return {
    lesions,
    annotations: listAnnotations(db, studyInstanceUid),
    readerNames: readerNames(db),
    origins: lesionOrigins(db, lesions.map((l) => l.id)),
  };
}
