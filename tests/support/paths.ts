import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared DICOM test set, beside the checkout (never copied into the repo). */
export const SHARED_DICOM = path.resolve(REPO_ROOT, '../shared/dicom');

/** A fresh temporary folder, removed by the caller's cleanup. */
export function temporaryFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `bonemet-${prefix}-`));
}
