import fs from 'node:fs';
import { AppError } from '@shared/errors';

/**
 * The open flag that keeps an open from waiting: opening a named pipe for reading otherwise waits
 * for a writer, and the app's opens are synchronous, so one pipe would stop the whole door. Reads
 * of a regular file ignore it. 0 where the platform has no such flag (Windows).
 */
export const OPEN_WITHOUT_WAITING = fs.constants.O_NONBLOCK ?? 0;

/** What a file that is neither a regular file nor a folder is, in the words a report uses. */
export function specialFileKind(kind: fs.Stats | fs.Dirent): string {
  if (kind.isFIFO()) return 'a named pipe';
  if (kind.isSocket()) return 'a socket';
  if (kind.isCharacterDevice() || kind.isBlockDevice()) return 'a device';
  return 'not a file or folder';
}

/**
 * The whole of a file a user named (an SR to restore, a DICOM file to send), opened without
 * waiting and refused, with what it is, when it is not a regular file. Throws an AppError.
 */
export function readRegularFile(filePath: string): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | OPEN_WITHOUT_WAITING);
  } catch (error) {
    throw new AppError('io_error', `Cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new AppError('invalid_request', `${filePath} is a folder: name a file.`);
    if (!stat.isFile()) throw new AppError('invalid_request', `${filePath} is not a regular file (${specialFileKind(stat)}): name a file.`);
    return fs.readFileSync(fd);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('io_error', `Cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
}
