import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@shared/errors';
import { withinLimit } from './limited-body';

const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The folder that holds one batch of files dropped on the browser-mode window. */
export function uploadBatchDir(dataDir: string, batchId: string): string {
  if (!BATCH_ID.test(batchId)) throw new AppError('invalid_request', 'An upload batch id is a UUID.');
  return path.join(dataDir, 'uploads', batchId);
}

/**
 * How imports name their files and folders to the user (see NamedPathSchema): a batch of dropped
 * files is "uploaded files", a file in it goes by its own name, anything else by its path. Imports
 * record real paths, so the data folder is matched by its real path as well as the one given.
 * @param dataDir - the data folder whose uploads/ holds the batches
 */
export function importDisplayNames(dataDir: string): (target: string) => string {
  const uploads = [...new Set([dataDir, realPathOrSelf(dataDir)])].map((dir) => path.join(dir, 'uploads'));
  return (target) => {
    for (const root of uploads) {
      const inside = path.relative(root, target);
      if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) continue;
      const [batchId, ...name] = inside.split(path.sep);
      if (BATCH_ID.test(batchId!)) return name.length === 0 ? 'uploaded files' : name.join(path.sep);
    }
    return target;
  };
}

function realPathOrSelf(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return target;
  }
}

/**
 * Streams one dropped file into its batch folder under a sanitised name (never a path from the
 * request), numbering names that repeat; a body over `maxBytes` is refused (once read, so that
 * the client hears why) and removed.
 */
export async function storeUploadedFile(dataDir: string, batchId: string, fileName: string, body: Readable, maxBytes: number): Promise<{ path: string; bytes: number }> {
  const dir = uploadBatchDir(dataDir, batchId);
  const base = path.basename(fileName.replaceAll('\\', '/')).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'file';
  let created: { target: string; fd: number } | null = null;
  try {
    fs.mkdirSync(dir, { recursive: true });
    created = createNumbered(dir, base);
    const out = fs.createWriteStream('', { fd: created.fd });
    await pipeline(body, (source: AsyncIterable<Buffer>) => withinLimit(source, maxBytes, 'The dropped file'), out);
    return { path: created.target, bytes: out.bytesWritten };
  } catch (error) {
    if (created) fs.rmSync(created.target, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('io_error', code === 'ENOSPC' ? 'The disk is full: the dropped file was not stored.' : `The dropped file could not be stored: ${code ?? String(error)}`);
  }
}

/**
 * Creates `base` in `dir`, or `1-base`, `2-base`... when taken. The name is claimed by the exclusive
 * create itself, never by a look first: two files of one name dropped at once (a page sending in
 * parallel) would otherwise both find the same name free, and the later create would fail.
 */
function createNumbered(dir: string, base: string): { target: string; fd: number } {
  for (let n = 0; ; n++) {
    const target = path.join(dir, withinNameLimit(n === 0 ? '' : `${n}-`, base));
    try {
      return { target, fd: fs.openSync(target, 'wx') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** The longest file name most file systems take, in bytes (a sanitised name is ASCII: one byte a character). */
const MAX_NAME_BYTES = 255;

/** `prefix` + `base`, the end of the stem cut so that the whole stays within MAX_NAME_BYTES; the extension is kept. */
function withinNameLimit(prefix: string, base: string): string {
  const extension = path.extname(base).slice(0, 16);
  const stem = base.slice(0, base.length - path.extname(base).length);
  return `${prefix}${stem.slice(0, MAX_NAME_BYTES - prefix.length - extension.length)}${extension}`;
}
