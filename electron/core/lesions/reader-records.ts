import type Database from 'better-sqlite3';
import type { ReaderRecords } from '@shared/reader/reader';

/** What the initials own on this workstation (lesions, annotations, reviews) and the name recorded for them here. */
export function readerRecords(db: Database.Database, initials: string): ReaderRecords {
  // Records received from other workstations are their readers' there, not owned here.
  const count = (sql: string) => db.prepare(sql).pluck().get(initials) as number;
  return {
    initials,
    name: (db.prepare('SELECT name FROM readers WHERE initials = ?').pluck().get(initials) as string | undefined) ?? null,
    lesions: count('SELECT COUNT(*) FROM lesions WHERE reader = ? AND origin IS NULL'),
    annotations: count('SELECT COUNT(*) FROM annotations WHERE reader = ? AND origin IS NULL'),
    reviews: count('SELECT COUNT(*) FROM reviews WHERE reviewer = ? AND origin IS NULL'),
  };
}
