import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';

/**
 * Takes the database for this process alone, or refuses while anything else has it open: the app,
 * `serve`, or a command, in any process (SQLite's own file locks, which every connection takes).
 * With it, folds the write-ahead log into the file so that the file is whole on its own, then lets
 * go. What must not run under an open app (restore) calls this first.
 * @param file - the live database file
 * @param what - what is refused, for the message ("restore")
 */
export function checkpointAlone(file: string, what: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    // In exclusive locking mode the first transaction's lock is kept, and it cannot be had while
    // any other connection holds even a shared lock.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      throw new AppError('conflict', `The database ${file} is in use by another BoneMet Review process (the app, \`serve\` or a command): close it, then ${what}.`, { cause: error });
    }
    throw error;
  } finally {
    db.close();
  }
}
