import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '@shared/errors';
import { confineToRoots } from '../../files/import-roots';

/** A destination folder checked on the host: where it is, and whether the export made it. */
export interface Destination {
  folder: string;
  /** Folders this export created (outermost first), removed again when the export leaves nothing in them. */
  created: string[];
}

/**
 * Checks an export's destination the way the folder browser does: an absolute path whose nearest
 * existing folder lies inside the allowed roots (symbolic links resolved), then creates what is
 * missing. A request can therefore write nowhere the user could not browse to.
 */
export function prepareDestination(requested: string, roots: readonly string[]): Destination {
  if (!path.isAbsolute(requested)) throw new AppError('forbidden', `The destination must be an absolute folder path, not ${requested.slice(0, 200)}.`);
  if (requested.includes('\0')) throw new AppError('invalid_request', 'The destination path holds a NUL character.');
  const wanted = path.resolve(requested);
  let existing = wanted;
  const missing: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(path.basename(existing));
    existing = parent;
  }
  const confined = confineToRoots(existing, roots);
  if (!fs.statSync(confined).isDirectory()) throw new AppError('invalid_request', `${existing} is a file, not a folder: choose a folder for the export.`);
  const created: string[] = [];
  let folder = confined;
  for (const name of missing) {
    folder = path.join(folder, name);
    try {
      fs.mkdirSync(folder);
    } catch (error) {
      // The folders made so far would be left empty by an export that never starts.
      removeCreatedFolders({ folder, created });
      throw new AppError('io_error', `Cannot create the folder ${folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Choose a folder you can write to.`);
    }
    created.push(folder);
  }
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new AppError('forbidden', `The folder ${folder} is not writable: choose another one.`);
  }
  return { folder, created };
}

/** Removes the folders an export created, innermost first, where they are empty. */
export function removeCreatedFolders(destination: Destination): void {
  for (const folder of [...destination.created].reverse()) {
    try {
      fs.rmdirSync(folder);
    } catch {
      // Not empty (the user put something there) or already gone: leave it.
    }
  }
}
