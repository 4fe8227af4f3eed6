import type Database from 'better-sqlite3';

// What is read from a stored text (a record parsed, checked and scored; a summary parsed and
// checked) is a function of that text alone. It is kept per database and kind, keyed by the row's
// id and checked against the row's exact text at every read: a text changed by any writer, in this
// process or another, is read again; one unchanged is not read again. What is kept is shared by
// every caller that reads it: callers never change it (freezing it cost more than reading it again).

interface Kept {
  readonly text: string;
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
 * The value read from a row's text: kept from an earlier read (or write) of the same text, else read now and kept.
 * @param kind - what is kept ("scored lesion"), one store each
 * @param read - reads the value from the text; what it throws is thrown, and nothing is kept
 */
export function keptByText<T>(db: Database.Database, kind: string, id: string, text: string, read: (text: string) => T): T {
  const kept = stores.get(db)?.get(kind)?.get(id);
  if (kept && kept.text === text) return kept.value as T;
  const value = read(text);
  keepByText(db, kind, id, text, value);
  return value;
}

/** Keeps what a row's text reads as, when the writer already has it (a save), so that the next read need not read it. */
export function keepByText<T>(db: Database.Database, kind: string, id: string, text: string, value: T): void {
  const store = storeOf(db, kind);
  store.delete(id);
  store.set(id, { text, value });
  if (store.size > KEPT) store.delete(store.keys().next().value!);
}
