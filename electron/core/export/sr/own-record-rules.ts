import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { readAnnotation } from '../../lesions/annotation-store';
import { latestDeletion } from '../../lesions/audit-log';
import { readLesion } from '../../lesions/lesion-store';

// The rules by which a copy of a reader's records written by this app (an SR file, or a version of
// their findings on the PACS) is taken back into the database: only the reader's own records, and
// never over what was saved or deleted here after the copy was made. `lesions import-sr` and the
// team sync's take-back after a restore both decide by them.

/** What a record is: a lesion or a drawing (annotation). */
export type RecordKind = 'lesion' | 'annotation';

/** A record of a copy as it stands here: stored, deleted here (the record as it was), or neither. */
export interface RecordHere {
  kind: RecordKind;
  reported: Lesion | Annotation;
  /** "lesion <id>", "annotation <id>". */
  name: string;
  /** What else names it ("tracking UID ..."). */
  details: string[];
  stored: Lesion | Annotation | null;
  deleted: { at: string; before: { reader?: unknown } | null } | null;
}

/** True when the instant stored is after the copy's (compared as instants: offsets differ). */
const isLater = (stored: string, reported: { updatedAt: string }) => Date.parse(stored) > Date.parse(reported.updatedAt);

/** Where a record of a copy stands here: what is stored under its id, or its last deletion. */
export function recordHere(db: Database.Database, kind: RecordKind, reported: Lesion | Annotation, details: string[] = []): RecordHere {
  const stored = kind === 'lesion' ? readLesion(db, reported.id) : readAnnotation(db, reported.id);
  const deleted = stored ? null : (latestDeletion(db, kind, reported.id) as RecordHere['deleted']);
  return { kind, reported, name: `${kind} ${reported.id}`, details, stored, deleted };
}

/** A record named for a message, with its details and any notes in brackets. */
export const described = (record: RecordHere, notes: string[] = []) => {
  const all = [...record.details, ...notes];
  return all.length > 0 ? `${record.name} (${all.join(', ')})` : record.name;
};

/**
 * The readers a record belongs to: the one the copy names and, when the record is stored or
 * was deleted here, the one it was recorded by here. A copy is editable: what it says
 * alone never makes a record anyone's.
 */
export function ownersOf(record: RecordHere): string[] {
  const here = record.stored?.reader ?? record.deleted?.before?.reader;
  return [...new Set([record.reported.reader, ...(typeof here === 'string' ? [here] : [])])];
}

/** Where taking the copy back would roll a record back: it was saved, or deleted, here after the copy; null otherwise. */
export function rollbackOf(record: RecordHere): string | null {
  if (record.stored) return isLater(record.stored.updatedAt, record.reported) ? described(record) : null;
  return record.deleted !== null && isLater(record.deleted.at, record.reported) ? `${described(record)}, deleted here at ${record.deleted.at}` : null;
}

/** Whether the copy says nothing the record stored here does not: the same instant of last change. */
export function unchangedSince(record: RecordHere): boolean {
  return record.stored !== null && Date.parse(record.stored.updatedAt) === Date.parse(record.reported.updatedAt);
}
