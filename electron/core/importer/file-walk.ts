import fs from 'node:fs';
import path from 'node:path';
import type { ReportedFile } from '@shared/import/import-job';

/** A file found under an import source, with what decides whether it changed. */
export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Walks import sources (files and folders, recursively), returning every regular file with
 * its size and mtime, plus sources that could not be read. Symbolic links to folders are not
 * followed, so a link loop cannot hang an import. `onFile` hears of each file as it is found.
 */
export function walkSources(
  sources: readonly string[],
  isCancelled: () => boolean,
  onFile: (file: FoundFile) => void = () => {},
): { files: FoundFile[]; problems: ReportedFile[] } {
  const files: FoundFile[] = [];
  const problems: ReportedFile[] = [];
  const seen = new Set<string>();

  const addFile = (filePath: string, stat: fs.Stats) => {
    if (seen.has(filePath)) return;
    seen.add(filePath);
    const file = { path: filePath, size: stat.size, mtimeMs: stat.mtimeMs };
    files.push(file);
    onFile(file);
  };

  const visitFolder = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, reason: `folder could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    // `folder` is already normalised and a name holds no separator: plain concatenation is what
    // path.join would return, without its normalising pass over every one of thousands of paths.
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    for (const entry of entries) {
      if (isCancelled()) return;
      const child = prefix + entry.name;
      if (entry.isDirectory()) visitFolder(child);
      else if (entry.isFile() || entry.isSymbolicLink()) visitPath(child, false);
    }
  };

  const visitPath = (target: string, isSource: boolean) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: target, reason: code === 'ENOENT' ? 'not found' : `could not be read: ${code ?? String(error)}` });
      return;
    }
    if (stat.isFile()) addFile(target, stat);
    else if (stat.isDirectory() && isSource) visitFolder(target);
  };

  for (const source of sources) visitPath(path.resolve(source), true);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}
