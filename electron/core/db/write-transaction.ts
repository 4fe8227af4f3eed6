import type Database from 'better-sqlite3';
import { forgetKeptReads } from './kept-reads';
import { preparedStatement } from './prepared-statement';

/** Rows this connection has changed since it opened: it never goes down, a rollback included. */
function changesSoFar(db: Database.Database): number {
  return (preparedStatement(db, 'SELECT total_changes() AS n').get() as { n: number }).n;
}

/**
 * Runs `work` in one transaction that takes the write lock before its first read (BEGIN
 * IMMEDIATE), waiting for it as long as the busy timeout allows; nested in another transaction,
 * it is a savepoint of that one. Every transaction that writes goes through here: a deferred one
 * reads first, and when another connection (the CLI beside `serve`, the host's import worker)
 * holds the write lock or commits before the first write, SQLite fails that write at once with
 * SQLITE_BUSY, without waiting, and the user's save was refused as "busy".
 */
export function writeTransaction<T>(db: Database.Database, work: () => T): T {
  const before = changesSoFar(db);
  try {
    return db.transaction(work).immediate();
  } catch (error) {
    // What the work kept of its writes (kept-reads.ts) was rolled back with them. A refusal that
    // wrote nothing (a record refused before it was stored, a busy lock) kept nothing: the listing's
    // kept reads stay, and the next listing of 10,000 lesions is not read cold.
    if (changesSoFar(db) !== before) forgetKeptReads(db);
    throw error;
  }
}

/**
 * What `settled` answers from a plain read, without the write lock (an import's write transaction
 * would hold it up to the busy timeout); only when it has no answer (undefined), `work` in a write
 * transaction, after `settled` is asked again inside it: another process may have written between.
 */
export function writeTransactionUnlessSettled<T>(db: Database.Database, settled: () => T | undefined, work: () => T): T {
  const answer = settled();
  if (answer !== undefined) return answer;
  return writeTransaction(db, () => {
    const again = settled();
    return again !== undefined ? again : work();
  });
}
