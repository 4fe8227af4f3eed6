import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import type { FolderListing } from '@shared/files/folder-listing';
import { confineToRoots } from './import-roots';

const MAX_ENTRIES = 5000;

/** Lists a folder inside the import roots for the browser-mode folder picker, folders first. */
export function browseFolder(requested: string | undefined, roots: readonly string[]): FolderListing {
  const first = roots[0];
  if (!first) throw new AppError('unsupported', 'No folder is open to browse on this machine.');
  const folder = confineToRoots(requested ?? first, roots);
  let dirents: fs.Dirent[];
  try {
    dirents = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(code === 'ENOTDIR' ? 'invalid_request' : 'io_error', `Cannot list ${folder}: ${code ?? String(error)}`);
  }
  const entries = dirents
    .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || d.isFile()))
    .slice(0, MAX_ENTRIES)
    .map((d) => {
      const isFolder = d.isDirectory();
      let size: number | null = null;
      if (!isFolder) {
        try {
          size = fs.statSync(path.join(folder, d.name)).size;
        } catch {
          size = null;
        }
      }
      return { name: d.name, kind: isFolder ? ('folder' as const) : ('file' as const), size };
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const isRoot = roots.includes(folder);
  return { path: folder, parent: isRoot ? null : path.dirname(folder), roots: [...roots], entries };
}
