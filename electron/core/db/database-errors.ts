import { AppError } from '@shared/errors';

/** SQLite's extended result code name (better-sqlite3 puts it in `code`), or null for any other error. */
function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && error.name === 'SqliteError' && typeof code === 'string' ? code : null;
}

/** A SQLite failure as an error a user can act on (what happened, what to do); any other error is returned as it is. */
export function explainDatabaseError(error: unknown): unknown {
  const code = sqliteCode(error);
  if (!code) return error;
  const options = { cause: error };
  // Writes run in one transaction each, so a failed one leaves what was saved before as it was.
  if (code === 'SQLITE_FULL') return new AppError('io_error', 'The disk holding the BoneMet database is full, so this could not be written. Free some space and try again; what was saved before is intact.', options);
  if (code.startsWith('SQLITE_IOERR')) return new AppError('io_error', `The BoneMet database could not be read or written (${code}). Check the disk, then try again; what was saved before is intact.`, options);
  if (code.startsWith('SQLITE_READONLY')) return new AppError('io_error', `The BoneMet database cannot be written here (${code}). Check the data folder's permissions.`, options);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new AppError('conflict', 'The BoneMet database is busy with another process (an import, or the CLI). Try again in a moment.', options);
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new AppError('not_found', 'Something this change refers to no longer exists (removed in another window or by the CLI?), so it was not saved. Reload and try again.', options);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return new AppError('conflict', `This would store a second record where only one may be (${(error as Error).message}), so it was not saved.`, options);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new AppError('database_error', `The BoneMet database file is damaged (${code}). Restore a backup: npm run bonemet -- backup --list, then restore.`, options);
  return new AppError('database_error', `The database refused this (${code}): ${(error as Error).message}.`, options);
}
