import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { restoreAnnotation } from '../lesions/annotation-store';
import { readLesion, restoreLesion } from '../lesions/lesion-store';
import { described, ownersOf, recordHere, rollbackOf, unchangedSince, type RecordHere } from '../export/sr/own-record-rules';

// A database restored from an older backup lacks what its reader recorded after the backup, which
// the PACS holds in a newer version of their findings from this workstation. Before the next version
// goes out (and would otherwise withdraw it), those records are taken back by the rules of
// `lesions import-sr`: the reader's own records only, never over a record saved or deleted here
// after the PACS's copy. Record by record: what is newer here stays, the rest comes back.

/** What a take-back did: the records restored here, and those left as they stand here, with why. */
export interface TakenBack {
  lesions: number;
  annotations: number;
  /** One line per record of the PACS's version left as it is here. */
  left: string[];
}

/** Whether a record under this id here was received from another workstation (read-only here). */
function receivedHere(db: Database.Database, record: RecordHere): boolean {
  const table = record.kind === 'lesion' ? 'lesions' : 'annotations';
  return db.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND origin IS NOT NULL`).get(record.reported.id) !== undefined;
}

/** Why a record of the PACS's version is not taken back, or null when it is (or says nothing new). */
function whyLeft(db: Database.Database, record: RecordHere, reader: string): string | null {
  const others = ownersOf(record).filter((owner) => owner !== reader);
  if (others.length > 0) return `${described(record)} is ${others.join(' and ')}'s`;
  if (receivedHere(db, record)) return `${described(record)} here was received from another workstation`;
  const rollback = rollbackOf(record);
  return rollback === null ? null : `${rollback}: changed or deleted here after the PACS's copy, kept as it is here`;
}

/**
 * Takes back into the database (in the caller's transaction, audited under the reader) the records
 * of `reader` that a version of their findings on the PACS holds and this database lacks or holds
 * older: lesions first, then the drawings of lesions that are here. A drawing of a lesion not here
 * (deleted here since) stays out with it.
 * @param held - the lesions and drawings the PACS's version holds
 */
export function takeBackOwnRecords(db: Database.Database, held: { lesions: readonly Lesion[]; annotations: readonly Annotation[] }, reader: string): TakenBack {
  const taken: TakenBack = { lesions: 0, annotations: 0, left: [] };
  const take = (record: RecordHere): boolean => {
    const why = whyLeft(db, record, reader);
    if (why !== null) taken.left.push(why);
    return why === null && !unchangedSince(record);
  };
  // Each record in a savepoint of its own (the stores' nested transactions): one the store refuses
  // (a lesion here under its id with another tracking UID, say) is named and left, and never holds
  // back the others or the publication that waits on this take-back.
  const restored = (record: RecordHere, restore: () => unknown): boolean => {
    try {
      restore();
      return true;
    } catch (error) {
      if (/^SQLITE_/.test((error as { code?: string }).code ?? '')) throw error;
      taken.left.push(`${described(record)} could not be stored here (${(error as Error).message})`);
      return false;
    }
  };
  for (const lesion of held.lesions) {
    const record = recordHere(db, 'lesion', lesion, [`tracking UID ${lesion.trackingUid}`]);
    if (take(record) && restored(record, () => restoreLesion(db, lesion, reader))) taken.lesions++;
  }
  for (const annotation of held.annotations) {
    const lesion = annotation.lesionId === null ? null : readLesion(db, annotation.lesionId);
    if (annotation.lesionId !== null && lesion?.reader !== reader) continue;
    const record = recordHere(db, 'annotation', annotation);
    if (take(record) && restored(record, () => restoreAnnotation(db, annotation, reader))) taken.annotations++;
  }
  return taken;
}
