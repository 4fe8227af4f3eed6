import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The shared DICOM test set, beside the checkout (never copied into the repo), as its real
 * path: imports store canonical paths, so a symlinked checkout must compare the same way.
 */
export const SHARED_DICOM = realpathOrSelf(path.resolve(REPO_ROOT, '../shared/dicom'));

function realpathOrSelf(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return target;
  }
}

/**
 * pydicom's character-set test files as Debian's python3-pydicom installs them (the shared set
 * has only some of them): PS3.5 Annex H (Japanese) and I (Korean) examples among them.
 */
export const PYDICOM_CHARSET_FILES = '/usr/lib/python3/dist-packages/pydicom/data/charset_files';

/** A fresh temporary folder, removed by the caller's cleanup. */
export function temporaryFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bonemet-${prefix}-`));
}
