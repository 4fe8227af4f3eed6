import type Database from 'better-sqlite3';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { scoreLesion, type LesionScores } from '@shared/scoring/score-lesion';

// Reading a lesion from its stored record costs a JSON parse, a schema check and every score
// (about 50 us, most of it building the scores); listing 10,000 took 600 ms (issue 16). A lesion and
// its scores are a function of the record's text alone, so they are kept per database, keyed by
// lesion id and checked against the record's exact text at every read: a record changed by any
// writer, in this process or another, is read again; one unchanged is not validated and scored
// again. What is kept is frozen, as it is handed to every caller that lists it.

/** A stored lesion read and scored. */
export interface Scored {
  readonly lesion: Lesion;
  readonly scores: LesionScores;
}

interface Entry extends Scored {
  readonly record: string;
}

/** Lesions kept per database at most (about 8 KB each); beyond it the earliest kept are dropped. */
const KEPT = 20_000;
const caches = new WeakMap<Database.Database, Map<string, Entry>>();

function cacheOf(db: Database.Database): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) freeze(inner);
  }
  return value;
}

function keep(db: Database.Database, id: string, entry: Entry): void {
  const cache = cacheOf(db);
  cache.delete(id);
  cache.set(id, entry);
  if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
}

/**
 * A stored lesion and its scores from its row: kept from an earlier read or save of the same
 * record text, else parsed, checked against the lesion schema (older forms read as the current
 * one) and scored. The objects are frozen and shared: never change them.
 * @param record - the row's record column
 */
export function scoredLesion(db: Database.Database, id: string, record: string): Scored {
  const kept = caches.get(db)?.get(id);
  if (kept && kept.record === record) return kept;
  const lesion = StoredLesionSchema.parse(JSON.parse(record));
  const entry: Entry = { record, lesion: freeze(lesion), scores: freeze(scoreLesion(lesion)) };
  keep(db, id, entry);
  return entry;
}

/**
 * Keeps a lesion just written with its scores, so that the next listing does not score it again.
 * @param record - the text written to its record column
 * @param scores - its scores, handed over: no one else may hold them
 */
export function rememberScoredLesion(db: Database.Database, record: string, lesion: Lesion, scores: LesionScores): void {
  keep(db, lesion.id, { record, lesion: freeze(structuredClone(lesion)), scores: freeze(scores) });
}
