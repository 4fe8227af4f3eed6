import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * Writes one export file through a temporary name, so that nobody (a PACS watcher, a mail
 * client) ever picks up half a file; the folder is created when missing.
 * @returns the path written
 */
export function writeExportFile(dir: string, name: string, content: string | Uint8Array): string {
  const target = path.join(dir, name);
  const temporary = `${target}.partial`;
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(temporary, content);
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new AppError('io_error', `Could not write ${target}: ${(error as Error).message}. Choose an output folder you can write to.`, { cause: error });
  }
  return target;
}
