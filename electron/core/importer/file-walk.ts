import fs from 'node:fs';
import path from 'node:path';
import type { ReportedFile } from '@shared/import/import-job';
import { specialFileKind } from '../files/special-files';
import { foundFileUnreadable, nameNotUtf8, readFailure } from './found-file-errors';

/** A file or folder an import could not index, and why: the report names it for the user at the end. */
export type FileProblem = Omit<ReportedFile, 'displayName'>;

/** A file found under an import source, with what decides whether it changed. */
export interface FoundFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Walks import sources (files and folders, recursively), returning every regular file with
 * its size and mtime, plus what could not be read or was not followed. Files are named by their
 * real path, never through a symbolic link, so that what is indexed is what is served. A link
 * inside an imported folder is followed only when it points inside that same folder, and each
 * folder is walked once (no loops); a link pointing out of it is reported, never followed.
 * `onFile` hears of each file as it is found.
 */
export function walkSources(
  sources: readonly string[],
  isCancelled: () => boolean,
  onFile: (file: FoundFile) => void = () => {},
): { files: FoundFile[]; problems: FileProblem[] } {
  const files: FoundFile[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  const walkedFolders = new Set<string>();

  const addFile = (filePath: string, stat: fs.Stats) => {
    if (seen.has(filePath)) return;
    seen.add(filePath);
    const file = { path: filePath, size: stat.size, mtimeMs: stat.mtimeMs };
    files.push(file);
    onFile(file);
  };

  const visitFolder = (folder: string, root: string) => {
    if (walkedFolders.has(folder)) return;
    walkedFolders.add(folder);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: folder, reason: `folder could not be read: ${readFailure(error)}` });
      return;
    }
    // `folder` is already normalised and a name holds no separator: plain concatenation is what
    // path.join would return, without its normalising pass over every one of thousands of paths.
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    for (const entry of entries) {
      if (isCancelled()) return;
      const child = prefix + entry.name;
      // A name that was not UTF-8 comes with U+FFFD in it, and names nothing: a genuine U+FFFD names the entry.
      if (entry.name.includes('\uFFFD') && !namesAnEntry(child)) {
        problems.push({ path: child, reason: nameNotUtf8(entry.isDirectory() ? 'folder' : 'file') });
        continue;
      }
      if (entry.isDirectory()) visitFolder(child, root);
      else if (entry.isFile()) visitFile(child);
      else if (entry.isSymbolicLink()) followLink(child, root);
      else problems.push({ path: child, reason: notARegularFile(entry) });
    }
  };

  const visitFile = (filePath: string) => {
    try {
      addFile(filePath, fs.statSync(filePath));
    } catch (error) {
      // Listed in its folder a moment ago: gone now means gone during the import.
      problems.push({ path: filePath, reason: foundFileUnreadable(error) });
    }
  };

  const followLink = (link: string, root: string) => {
    const resolved = resolveWithin(link, root);
    if ('reason' in resolved) problems.push({ path: link, reason: resolved.missing ? 'symbolic link to nothing (its target is gone)' : resolved.reason });
    else if (resolved.stat.isFile()) addFile(resolved.path, resolved.stat);
    else if (resolved.stat.isDirectory()) visitFolder(resolved.path, root);
    else problems.push({ path: link, reason: notARegularFile(resolved.stat) });
  };

  for (const source of sources) {
    if (isCancelled()) break;
    // A source the user named is taken as they named it, links included, and then walked by its real path.
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(path.resolve(source));
      stat = fs.statSync(real);
    } catch (error) {
      problems.push({ path: path.resolve(source), reason: unreadable(error) });
      continue;
    }
    if (stat.isFile()) addFile(real, stat);
    else if (stat.isDirectory()) visitFolder(real, real);
    else problems.push({ path: real, reason: notARegularFile(stat) });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

/**
 * Where a path really leads (links followed), if that stays inside `folder` (a real path):
 * the real path and its stat, or why it is not followed (`missing` when nothing is there).
 */
export function resolveWithin(candidate: string, folder: string): { path: string; stat: fs.Stats } | { reason: string; missing: boolean } {
  let target: string;
  let stat: fs.Stats;
  try {
    target = fs.realpathSync(candidate);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { reason: code === 'ELOOP' ? 'symbolic link loop: not followed' : unreadable(error), missing: code === 'ENOENT' };
  }
  const inside = target === folder || target.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
  if (!inside) return { reason: `symbolic link to ${target}, outside the imported folder ${folder}: not followed`, missing: false };
  try {
    stat = fs.statSync(target);
  } catch (error) {
    return { reason: unreadable(error), missing: (error as NodeJS.ErrnoException).code === 'ENOENT' };
  }
  return { path: target, stat };
}

/**
 * Why a named pipe, socket or device is not imported. Such a file is never opened: opening a pipe
 * waits for a writer, and a device can be read without end.
 */
function notARegularFile(kind: fs.Stats | fs.Dirent): string {
  return `not a regular file (${specialFileKind(kind)}): only files are imported`;
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'not found' : `could not be read: ${readFailure(error)}`;
}

/** Whether a path names an entry; a name the system refuses (too long, a loop, no permission) names none. */
function namesAnEntry(file: string): boolean {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
