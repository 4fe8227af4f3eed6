import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';

/** The file in the data folder that holds this workstation's de-identification key. */
export const DEIDENTIFICATION_KEY_FILE = 'deidentification.key';

const KEY_TEXT = /^([0-9a-f]{64})\s*$/;

/** The data folder a database lives in: the key sits beside it, so a backup restored in place keeps it. */
export function dataFolderOf(db: Database.Database): string {
  if (db.memory) throw new AppError('internal', 'A research export needs the app database on disk: its de-identification key is kept beside it.');
  return path.dirname(path.resolve(db.name));
}

function readKey(file: string): Buffer {
  const match = KEY_TEXT.exec(fs.readFileSync(file, 'utf8'));
  if (!match) {
    // Never replaced silently: a new key would give every later export different UIDs.
    throw new AppError('io_error', `${file} is not a de-identification key (64 hexadecimal digits). Restore it from a backup of the data folder, or move it away to start a new key (later exports then get new UIDs).`);
  }
  return Buffer.from(match[1]!, 'hex');
}

/**
 * The workstation's secret key for de-identified UIDs (32 random bytes, hexadecimal), made on first
 * use. Created under a temporary name and linked into place, so that two processes exporting at once
 * end up with the same key and nobody reads half a file; readable by the user only.
 */
export function deidentificationKey(dataDir: string): Buffer {
  const file = path.join(dataDir, DEIDENTIFICATION_KEY_FILE);
  if (fs.existsSync(file)) return readKey(file);
  const temporary = `${file}.${process.pid}.partial`;
  try {
    fs.writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    fs.linkSync(temporary, file);
  } catch (error) {
    // Another process linked its key first: use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new AppError('io_error', `Cannot create the de-identification key ${file}: ${(error as Error).message}. Check that the data folder is writable.`, { cause: error });
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
  return readKey(file);
}
