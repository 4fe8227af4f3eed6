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

/** The most a file a user names may hold, and what it is in the refusal ("a file of lesion records"). */
export interface ReadLimit {
  maxBytes: number;
  what: string;
}

/**
 * The whole of a file a user named (an SR to restore, a DICOM file to send), opened without
 * waiting and refused, with what it is, when it is not a regular file, or holds more than `limit`
 * allows. Throws an AppError.
 */
export function readRegularFile(filePath: string, limit?: ReadLimit): Buffer {
  return readNamed(filePath, OPEN_WITHOUT_WAITING, (stat) => {
    if (!stat.isFile()) throw new AppError('invalid_request', `${filePath} is not a regular file (${specialFileKind(stat)}): name a file.`);
  }, limit);
}

/**
 * The whole of a file or pipe a user named on the command line (`--in lesions.json`, `--in <(jq ...)`,
 * /dev/stdin), read only up to `limit`: a device that never ends (/dev/zero) or a file larger
 * than anything real is refused with the limit, never read into memory whole. A pipe is waited
 * for, as any command reading one waits. Throws an AppError.
 */
export function readFileOrPipe(filePath: string, limit: ReadLimit): Buffer {
  return readNamed(filePath, 0, () => undefined, limit);
}

const CHUNK_BYTES = 64 * 1024;

function readNamed(filePath: string, openFlags: number, accept: (stat: fs.Stats) => void, limit: ReadLimit | undefined): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | openFlags);
  } catch (error) {
    throw new AppError('io_error', `Cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new AppError('invalid_request', `${filePath} is a folder: name a file.`);
    accept(stat);
    if (!limit) return fs.readFileSync(fd);
    const tooLarge = () => new AppError('invalid_request', `${filePath} holds more than ${limit.maxBytes.toLocaleString('en-US')} bytes, more than ${limit.what} ever does: name the right file.`);
    // A regular file says its size; a pipe or a device is read one chunk at a time, never past the limit.
    if (stat.isFile() && stat.size > limit.maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit.maxBytes + 1 - total));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit.maxBytes) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('io_error', `Cannot read ${filePath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  } finally {
    fs.closeSync(fd);
  }
}
