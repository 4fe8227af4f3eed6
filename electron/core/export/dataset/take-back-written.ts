import fs from 'node:fs';
import path from 'node:path';

/**
 * Removes files the dataset export wrote (paths relative to `outDir`, as ExportRun.written holds
 * them), then the folders under `outDir` they leave empty, deepest first. Only these: anything else
 * in the folder (a file the user or another export put there meanwhile) is not the export's to remove.
 */
export function takeBackWritten(outDir: string, files: readonly string[]): void {
  for (const file of files) fs.rmSync(path.join(outDir, file), { force: true });
  const folders = new Set<string>();
  for (const file of files) for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) folders.add(dir);
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    const full = path.join(outDir, folder);
    if (fs.existsSync(full) && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
}
