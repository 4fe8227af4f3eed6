import type Database from 'better-sqlite3';
import { forgetKeptReads } from './kept-reads';

/**
 * Runs `work` in one transaction that takes the write lock before its first read (BEGIN
 * IMMEDIATE), waiting for it as long as the busy timeout allows; nested in another transaction,
 * it is a savepoint of that one. Every transaction that writes goes through here: a deferred one
 * reads first, and when another connection (the CLI beside `serve`, the host's import worker)
 * holds the write lock or commits before the first write, SQLite fails that write at once with
 * SQLITE_BUSY, without waiting, and the user's save was refused as "busy".
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    // What the work kept of its writes (kept-reads.ts) was rolled back with them.
    forgetKeptReads(db);
    throw error;
  }
}
