import type Database from 'better-sqlite3';

// What is read from a stored row (a record parsed, checked and scored; a summary parsed and checked)
// is a function of what the row holds. It is kept per database and kind, keyed by the row's id and
// by a key that changes whenever what it holds changes: its exact text, or a revision the database
// never reuses once committed (lesion_worklist, migration 11; what a rolled-back transaction kept is
// forgotten, forgetKeptReads). A row whose key changed, by any writer, is read again; one unchanged is not. What is kept is shared by every caller that reads it: callers never
// change it (freezing it cost more than reading it again).

interface Kept {
  readonly key: string | number;
  readonly value: unknown;
}

/** Rows kept per database and kind at most; beyond it the earliest kept are dropped. */
const KEPT = 20_000;
const stores = new WeakMap<Database.Database, Map<string, Map<string, Kept>>>();

function storeOf(db: Database.Database, kind: string): Map<string, Kept> {
  let kinds = stores.get(db);
  if (!kinds) stores.set(db, (kinds = new Map()));
  let store = kinds.get(kind);
  if (!store) kinds.set(kind, (store = new Map()));
  return store;
}

/**
 * What a row reads as: kept from an earlier read (or write) under the same key, else read now and kept.
 * @param kind - what is kept ("scored lesion"), one store each
 * @param key - the row's exact text, or its revision
 * @param read - reads it; what it throws is thrown, and nothing is kept
 */
export function keptRead<T>(db: Database.Database, kind: string, id: string, key: string | number, read: () => T): T {
  const kept = stores.get(db)?.get(kind)?.get(id);
  if (kept && kept.key === key) return kept.value as T;
  const value = read();
  keepRead(db, kind, id, key, value);
  return value;
}

/** Whether what a row reads as under this key is kept (a read of it would not read the row). */
export function isKept(db: Database.Database, kind: string, id: string, key: string | number): boolean {
  return stores.get(db)?.get(kind)?.get(id)?.key === key;
}

/**
 * Forgets everything kept for a database. A transaction rolled back took back the revisions it
 * wrote, and the database gives them again, possibly to another process writing the same row:
 * what was kept under them was never stored.
 */
export function forgetKeptReads(db: Database.Database): void {
  stores.delete(db);
}

/** Below this many rows to read, they are looked up one by one; from it on, read in one scan. */
const SCAN_FROM = 100;

/**
 * How to read the stored text of rows not kept: one by one when they are few, else every row of the
 * scan at once (10,000 lookups by key cost more than one scan).
 * @param unkept - how many rows will be read
 * @param one - reads one row's text by its key
 * @param scan - reads the texts of every row the caller may ask for, by key
 */
export function lookupOrScan<K, V>(unkept: number, one: (key: K) => V | undefined, scan: () => Iterable<[K, V]>): (key: K) => V | undefined {
  if (unkept < SCAN_FROM) return one;
  const all = new Map(scan());
  return (key) => all.get(key) ?? one(key);
}

/** Keeps what a row reads as, when the writer already has it (a save), so that the next read need not read it. */
export function keepRead<T>(db: Database.Database, kind: string, id: string, key: string | number, value: T): void {
  const store = storeOf(db, kind);
  store.delete(id);
  store.set(id, { key, value });
  if (store.size > KEPT) store.delete(store.keys().next().value!);
}
