import type Database from 'better-sqlite3';

/**
 * Text as the searches compare it: compatibility-normalised (NFKC) and upper-cased in full Unicode,
 * so that case, a composed or decomposed accent and full-width letters match alike (ß as SS too).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toUpperCase();
}

/**
 * Gives a connection `search_fold(text)`, foldForSearch in SQL: SQLite's own LIKE and upper() fold
 * the case of ASCII letters only, so "müller" never found MÜLLER.
 */
export function registerSearchFold(db: Database.Database): void {
  db.function('search_fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? foldForSearch(value) : value));
}
