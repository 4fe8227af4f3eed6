import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '@shared/errors';

/**
 * The folders a renderer may import from or browse: the user's home, removable-media mount
 * points that exist, and roots the user configured (BONEMET_IMPORT_ROOTS, --root).
 */
export function defaultImportRoots(extra: readonly string[] = []): string[] {
  const fromEnv = (process.env.BONEMET_IMPORT_ROOTS ?? '').split(path.delimiter).filter(Boolean);
  const media = ['/media', '/mnt', '/run/media', '/Volumes'];
  const candidates = [os.homedir(), ...media, ...fromEnv, ...extra];
  const roots = new Set<string>();
  for (const candidate of candidates) {
    try {
      roots.add(fs.realpathSync(path.resolve(candidate)));
    } catch {
      // A root that does not exist on this machine is simply not offered.
    }
  }
  return [...roots];
}

/**
 * Resolves a requested path (symbolic links included) and checks it lies inside one of the
 * roots; refuses anything else, so that a request cannot reach the rest of the filesystem. A path
 * outside the roots is refused in the same words whether or not it exists: the answer must not
 * tell a page what exists elsewhere on this machine.
 */
export function confineToRoots(requested: string, roots: readonly string[]): string {
  if (!path.isAbsolute(requested)) throw new AppError('forbidden', `Not an absolute path: ${requested}`);
  const { resolved, exists } = resolveExisting(path.resolve(requested));
  const inside = roots.some((root) => resolved === root || resolved.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  if (!inside) {
    throw new AppError('forbidden', `${requested} is outside the folders this app may read (${roots.join(', ')}). Add it with --root or BONEMET_IMPORT_ROOTS.`);
  }
  if (!exists) {
    if (isLinkLoop(requested)) throw new AppError('not_found', `${requested} is a symbolic link loop: it leads to no file or folder.`);
    throw new AppError('not_found', `No such file or folder: ${requested}`);
  }
  return resolved;
}

/**
 * The real path of `target`, or, when it does not exist, the real path of its nearest existing
 * ancestor with the missing names appended: where it would be, links followed.
 */
function resolveExisting(target: string): { resolved: string; exists: boolean } {
  const missing: string[] = [];
  for (let current = target; ; current = path.dirname(current)) {
    try {
      return { resolved: path.join(fs.realpathSync(current), ...missing.reverse()), exists: missing.length === 0 };
    } catch {
      if (path.dirname(current) === current) return { resolved: target, exists: false };
      missing.push(path.basename(current));
    }
  }
}

function isLinkLoop(target: string): boolean {
  try {
    fs.realpathSync(target);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ELOOP';
  }
}
