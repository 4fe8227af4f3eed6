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

/** An earlier export's file is never overwritten: the user chooses another folder. */
function alreadyThere(file: string): AppError {
  return new AppError('conflict', `${file} already exists: choose another folder, or move the earlier export away first.`);
}

/** Refuses, before any work, a file name an earlier export already wrote (the writer refuses it too). */
export function refuseExistingFile(file: string): void {
  if (fs.existsSync(file)) throw alreadyThere(file);
}

/**
 * Puts the finished temporary file in place without replacing a file already there: a hard link
 * fails atomically when the name exists; where the file system has no hard links (FAT on a USB
 * stick), a check and a rename.
 */
function placeWithoutReplacing(temporary: string, file: string): void {
  try {
    fs.linkSync(temporary, file);
    fs.rmSync(temporary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw alreadyThere(file);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    if (fs.existsSync(file)) throw alreadyThere(file);
    fs.renameSync(temporary, file);
  }
}

/**
 * Writes one export file through a temporary name, so that nobody (a PACS watcher, an archive tool,
 * a mail client) ever picks up half a file, and never over an existing file; the folder is created
 * when missing. The one writer of every export, whichever door started it.
 * @returns the path written
 */
export function writeExportFile(file: string, content: string | Uint8Array): string {
  refuseExistingFile(file);
  const temporary = `${file}.partial`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Whatever has the temporary name (a file left by a crash, or a link or a pipe someone with
    // write access to the folder put there) goes, and the name is then created afresh: a write
    // through a link would overwrite the file it points at, and a pipe would wait for a reader.
    fs.rmSync(temporary, { force: true });
    fs.writeFileSync(temporary, content, { flag: 'wx' });
    placeWithoutReplacing(temporary, file);
  } catch (error) {
    removeQuietly(temporary);
    if (error instanceof AppError) throw error;
    throw writeFailure(file, error);
  }
  return file;
}
