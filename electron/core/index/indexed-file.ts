import fs from 'node:fs';
import { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import { AppError, type AppErrorShape } from '@shared/errors';
import { hasPart10Prefix, part10PrefixFor } from '../dicom/part10-prefix';
import { OPEN_WITHOUT_WAITING } from '../files/special-files';

/** An instance's file, opened and checked to be the very file its import indexed. */
export interface OpenedInstanceFile {
  path: string;
  /** The bytes served: the file's, with a Part 10 prefix before an ACR-NEMA style data set. */
  size: number;
  /** The bytes served, the file's up to the indexed size. Call it exactly once: the stream owns the open file and closes it. */
  stream(): Readable;
}

/** The answer both pixel doors (browser-mode host, Electron's dicom://) give for an instance id. */
export type IndexedFileAnswer =
  | { ok: true; file: OpenedInstanceFile }
  | { ok: false; status: 400 | 404 | 409; error: AppErrorShape };

// Opening with O_NOFOLLOW refuses a link at the last step atomically; where the platform has no
// such flag (Windows) the lstat below is the check.
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Opens the file behind an instance id for serving, only if it is still the file that was
 * imported: a regular file, not a symbolic link, with the size and modification time the index
 * recorded. The path comes from the index only: no request ever names a path. Never throws.
 * @param instanceId - the instance's id in the index
 */
export function openIndexedFile(db: Database.Database, instanceId: number): IndexedFileAnswer {
  if (!Number.isSafeInteger(instanceId) || instanceId <= 0) {
    return { ok: false, status: 400, error: { code: 'invalid_request', message: 'An instance id is a positive integer.' } };
  }
  const row = db.prepare('SELECT file_path AS path, file_size AS size, file_mtime_ms AS mtimeMs, transfer_syntax_uid AS transferSyntaxUid FROM instances WHERE id = ?').get(instanceId) as
    | { path: string; size: number; mtimeMs: number; transferSyntaxUid: string }
    | undefined;
  if (!row) return { ok: false, status: 404, error: { code: 'not_found', message: `Instance ${instanceId} is not in the index.` } };

  const gone = (): IndexedFileAnswer => ({
    ok: false,
    status: 404,
    error: { code: 'not_found', message: `The file of instance ${instanceId} (${row.path}) was moved, deleted or cannot be read since it was imported: import its folder again.` },
  });
  const changed = (how: string): IndexedFileAnswer => ({
    ok: false,
    status: 409,
    error: { code: 'conflict', message: `The file of instance ${instanceId} (${row.path}) changed since import${how}: import its folder again.` },
  });
  const opened = openImportedFile(row.path, row.size, row.mtimeMs);
  if (!opened.ok) return opened.why === 'gone' ? gone() : changed(opened.why === 'link' ? LINK_CHANGE : '');
  const { fd } = opened;
  const size = row.size;
  // Never past the checked size, even if the file grows while it is read.
  const bytes = () => (size <= READ_AT_ONCE_BYTES ? readAtOnce(fd, size) : fs.createReadStream('', { fd, start: 0, ...(size > 0 ? { end: size - 1 } : {}) }));
  let prefix: Uint8Array | null;
  try {
    prefix = acrNemaPrefix(fd, row.transferSyntaxUid);
  } catch {
    fs.closeSync(fd);
    return gone();
  }
  return {
    ok: true,
    file: {
      path: row.path,
      size: size + (prefix?.length ?? 0),
      stream: () => (prefix ? Readable.from(withPrefix(prefix, bytes())) : bytes()),
    },
  };
}

/**
 * Files up to this size are read in one call on the caller's thread rather than streamed in 64 KiB
 * reads through libuv's thread pool: a slice opened while a retrieve writes the cache queued each
 * of its reads behind the retrieve's writes (170-260 ms for the first slice of a retrieving study,
 * against well under a millisecond for one read of a cached 0.5 MB file).
 */
const READ_AT_ONCE_BYTES = 16 * 2 ** 20;

/** The first `size` bytes of an open file (fewer if it has shrunk), read at once; closes the file. */
function readAtOnce(fd: number, size: number): Readable {
  let body: Buffer;
  try {
    body = readUpTo(fd, size);
  } catch (error) {
    return new Readable({ read() { this.destroy(error as Error); } });
  }
  return Readable.from([body], { objectMode: false });
}

/** The first `size` bytes of an open file (fewer if it has shrunk); closes the file, also when a read fails. */
function readUpTo(fd: number, size: number): Buffer {
  const body = Buffer.allocUnsafe(size);
  let read = 0;
  try {
    for (let n = -1; read < size && n !== 0; read += n) n = fs.readSync(fd, body, read, size - read, read);
  } finally {
    fs.closeSync(fd);
  }
  return body.subarray(0, read);
}

/** An indexed file as the index recorded it (a StudyInstance is one). */
export interface IndexedFileRecord {
  filePath: string;
  fileSize: number;
  fileMtimeMs: number;
}

/**
 * The whole of an indexed file, for the readers that parse it in the app (exports, the team's
 * sync), checked as the pixel doors check it: a link, a pipe, a device or a file rewritten since
 * import is refused with the remedy, never read (a pipe would wait without end; a link may lead to
 * another patient's file). Throws an AppError.
 */
export function readIndexedFile(file: IndexedFileRecord): Buffer {
  const opened = openImportedFile(file.filePath, file.fileSize, file.fileMtimeMs);
  if (!opened.ok) {
    if (opened.why === 'gone') throw new AppError('not_found', `${file.filePath} was moved, deleted or cannot be read since it was imported: import its folder again.`);
    throw new AppError('conflict', `${file.filePath} changed since import${opened.why === 'link' ? LINK_CHANGE : ''}: import its folder again.`);
  }
  try {
    return readUpTo(opened.fd, file.fileSize);
  } catch (error) {
    throw new AppError('io_error', `${file.filePath} could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): check the disk, or import its folder again.`, { cause: error });
  }
}

/** How an indexed file differs from the one imported: a link now, or another size or modification time. */
export const LINK_CHANGE = ' (it is now a symbolic link, which is never served)';

/** An opened indexed file, or why it is not the one imported (gone: moved, deleted or unreadable). */
export type ImportedFileOpening = { ok: true; fd: number } | { ok: false; why: 'gone' | 'changed' | 'link' };

/**
 * Opens an indexed path only if it is still the file that was imported: a regular file, not a
 * symbolic link (refused atomically with O_NOFOLLOW where the platform has it), nor a pipe or device,
 * with the size and modification time the index recorded, checked on the open descriptor. The caller closes the fd.
 * Never throws.
 */
export function openImportedFile(filePath: string, size: number, mtimeMs: number): ImportedFileOpening {
  let fd: number;
  try {
    if (NO_FOLLOW === 0 && fs.lstatSync(filePath).isSymbolicLink()) return { ok: false, why: 'link' };
    fd = fs.openSync(filePath, fs.constants.O_RDONLY | NO_FOLLOW | OPEN_WITHOUT_WAITING);
  } catch (error) {
    // ELOOP is what O_NOFOLLOW answers for a link (EMLINK on FreeBSD).
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, why: code === 'ELOOP' || code === 'EMLINK' ? 'link' : 'gone' };
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch {
    fs.closeSync(fd);
    return { ok: false, why: 'gone' };
  }
  if (!stat.isFile()) {
    fs.closeSync(fd);
    return { ok: false, why: 'gone' };
  }
  if (!matchesIndex(stat, size, mtimeMs)) {
    fs.closeSync(fd);
    return { ok: false, why: 'changed' };
  }
  return { ok: true, fd };
}

/**
 * Whether the file at an indexed path is still the one imported: a regular file (not a symbolic
 * link) with the size and modification time the index recorded.
 */
export function isImportedFile(filePath: string, size: number, mtimeMs: number): boolean {
  try {
    return matchesIndex(fs.lstatSync(filePath), size, mtimeMs);
  } catch {
    return false;
  }
}

function matchesIndex(stat: fs.Stats, size: number, mtimeMs: number): boolean {
  return stat.isFile() && stat.size === size && stat.mtimeMs === mtimeMs;
}

/** The Part 10 prefix an ACR-NEMA style file (no preamble, no "DICM") is served with, or null for a Part 10 file. */
function acrNemaPrefix(fd: number, transferSyntaxUid: string): Uint8Array | null {
  const head = Buffer.alloc(132);
  const read = fs.readSync(fd, head, 0, head.length, 0);
  return hasPart10Prefix(head.subarray(0, read)) ? null : part10PrefixFor(transferSyntaxUid);
}

async function* withPrefix(prefix: Uint8Array, rest: Readable): AsyncGenerator<Uint8Array> {
  yield prefix;
  yield* rest;
}
