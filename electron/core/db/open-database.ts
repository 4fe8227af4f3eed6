import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { registerSearchFold } from './search-text';

/** The index database's file name inside the data folder. */
export const DATABASE_FILE = 'bonemet.sqlite';

/**
 * Opens (creating if needed) the app database in a data folder, with WAL, foreign keys,
 * and the schema brought up to date.
 */
export function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): Database.Database {
  // A folder made here is this account's only: it holds patient names, lesions, the audit log and
  // dropped images. One that exists keeps the permissions its owner chose.
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw dataFolderProblem(dataDir, error);
  }
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false });
  } catch (error) {
    throw unwritableFolder(dataDir, error) ?? new AppError('database_error', `Cannot open the database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    registerSearchFold(db);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      const version = db.pragma('user_version', { simple: true }) as number;
      migrate(db, migrations, path.join(dataDir, `bonemet.backup-v${version}.sqlite`));
    }
    return db;
  } catch (error) {
    db.close();
    throw unwritableFolder(dataDir, error) ?? error;
  }
}

/**
 * Why a database failed to open, when the cause is a data folder that cannot be written (a
 * read-only disk or share, no permission): SQLite then says only "unable to open database file",
 * also to a reader, since it keeps its write-ahead log and shared memory beside the database.
 */
function unwritableFolder(dataDir: string, error: unknown): AppError | null {
  try {
    fs.accessSync(dataDir, fs.constants.W_OK);
    return null;
  } catch (access) {
    const code = (access as NodeJS.ErrnoException).code ?? 'not writable';
    return new AppError(
      'io_error',
      `The data folder ${dataDir} cannot be written (${code}): BoneMet Review keeps its index there and must write beside it even to read it. Make the folder writable, or choose another with --data-dir or BONEMET_DATA_DIR.`,
      { cause: error },
    );
  }
}

/** Why the data folder cannot be made or used, in words that say what to do. */
function dataFolderProblem(dataDir: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    const where = code === 'EEXIST' ? 'is a file' : 'lies under a file';
    return new AppError('invalid_request', `The data folder ${dataDir} ${where}, not a folder: choose another with --data-dir or BONEMET_DATA_DIR.`, { cause: error });
  }
  return new AppError('io_error', `The data folder ${dataDir} cannot be made (${code ?? String(error)}): choose another with --data-dir or BONEMET_DATA_DIR, or check its permissions.`, { cause: error });
}
