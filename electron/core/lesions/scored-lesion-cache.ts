import type Database from 'better-sqlite3';
import type { Lesion } from '@shared/lesion/lesion';
import { parseStoredLesion } from './measured-planes';
import { scoreLesion, type LesionScores } from '@shared/scoring/score-lesion';
import { isKept, keepRead, keptRead } from '../db/kept-reads';

// Reading a lesion from its stored record costs a JSON parse, a schema check and every score
// (about 50 us, most of it building the scores); listing 10,000 took 600 ms (issue 16). A lesion and
// its scores are a function of the record alone: they are kept (kept-reads.ts), keyed by the lesion's
// worklist revision (a new one at every write of the record) or, for a lesion without a worklist row,
// by the record's exact text, and primed by the save that wrote them.

/** A stored lesion read and scored, with the revision its row had (lesion-revision.ts). */
export interface Scored {
  readonly lesion: Lesion;
  readonly scores: LesionScores;
  readonly revision: number;
}

/** A lesions row as read: its record and revision. */
export interface StoredRow {
  readonly record: string;
  readonly revision: number;
}

const KIND = 'scored lesion';

/**
 * A stored lesion and its scores: kept from an earlier read or save under the same key, else parsed,
 * checked against the lesion schema (older forms read as the current one) and scored. The objects
 * are shared: never change them.
 * @param key - the lesion's worklist revision, or its row's revision and record's text when it has no worklist row
 * @param row - reads its record and revision columns
 */
export function scoredLesion(db: Database.Database, id: string, key: string | number, row: () => StoredRow): Scored {
  return keptRead(db, KIND, id, key, () => {
    const { record, revision } = row();
    const lesion = parseStoredLesion(db, record);
    return { lesion, scores: scoreLesion(lesion), revision };
  });
}

/** Whether a lesion is kept read and scored under this key. */
export function isScored(db: Database.Database, id: string, key: string | number): boolean {
  return isKept(db, KIND, id, key);
}

/**
 * Keeps a lesion just written with its scores, so that the next listing does not score it again.
 * @param worklistRevision - the worklist revision written with it
 * @param scores - its scores, handed over: no one else may hold them
 * @param revision - the lesion's own revision, written with it
 */
export function rememberScoredLesion(db: Database.Database, worklistRevision: number, lesion: Lesion, scores: LesionScores, revision: number): void {
  keepRead(db, KIND, lesion.id, worklistRevision, { lesion: structuredClone(lesion), scores, revision });
}
