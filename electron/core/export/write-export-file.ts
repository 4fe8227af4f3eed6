import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';

/** What the user can do about a failed write: a full disk needs space, not another folder. */
function writeFailure(file: string, error: unknown): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('io_error', `The disk is full: ${file} was not written; free space and export again.`, { cause: error });
  }
  return new AppError('io_error', `Could not write ${file}: ${(error as Error).message}. Choose an output folder you can write to.`, { cause: error });
}

/** Removes a half-written file; a failure here (its folder is no folder) must not hide why the write failed. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Nothing was written there, or nothing can be: the write's own error says what to do.
  }
}

/**
 * Writes one export file through a temporary name and a rename, so that nobody (a PACS watcher,
 * an archive tool, a mail client) ever picks up half a file; the folder is created when missing.
 * The one writer of every export.
 * @returns the path written
 */
export function writeExportFile(file: string, content: string | Uint8Array): string {
  const temporary = `${file}.partial`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    throw writeFailure(file, error);
  }
  return file;
}
