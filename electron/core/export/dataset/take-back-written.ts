import fs from 'node:fs';
import path from 'node:path';

/**
 * Removes files the dataset export wrote (paths relative to `outDir`, as ExportRun.written holds
 * them), then the folders under `outDir` they leave empty, deepest first. Only these: anything else
 * in the folder (a file the user or another export put there meanwhile) is not the export's to remove.
 *
 * It runs where an export has failed or been cancelled, so it never throws for what another writer
 * does meanwhile: a folder is removed by rmdir alone (which refuses a non-empty one), not checked and
 * then removed, since another export may write into it in between; a file or folder already gone or
 * filled is left, entry by entry, and the export's own failure is what the user is told.
 */
export function takeBackWritten(outDir: string, files: readonly string[]): void {
  for (const file of files) leaveIfRaced(() => fs.rmSync(path.join(outDir, file), { force: true }));
  const folders = new Set<string>();
  for (const file of files) for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) folders.add(dir);
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) leaveIfRaced(() => fs.rmdirSync(path.join(outDir, folder)));
}

/** Races with another writer: gone (ENOENT), filled (ENOTEMPTY, EEXIST on some systems), a folder where a file was or the reverse. */
const RACED = new Set(['ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR', 'ERR_FS_EISDIR']);

function leaveIfRaced(remove: () => void): void {
  try {
    remove();
  } catch (error) {
    if (!RACED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}
