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
 * Streams one dropped file into its batch folder under a sanitised name (never a path from the
 * request), numbering names that repeat; a body over `maxBytes` is refused (once read, so that
 * the client hears why) and removed.
 */
export async function storeUploadedFile(dataDir: string, batchId: string, fileName: string, body: Readable, maxBytes: number): Promise<{ path: string; bytes: number }> {
  const dir = uploadBatchDir(dataDir, batchId);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(fileName.replaceAll('\\', '/')).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'file';
  let target = path.join(dir, base);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(dir, `${n}-${base}`);
  const out = fs.createWriteStream(target, { flags: 'wx' });
  try {
    await pipeline(body, (source: AsyncIterable<Buffer>) => withinLimit(source, maxBytes, 'The dropped file'), out);
  } catch (error) {
    fs.rmSync(target, { force: true });
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('io_error', code === 'ENOSPC' ? 'The disk is full: the dropped file was not stored.' : `The dropped file could not be stored: ${code ?? String(error)}`);
  }
  return { path: target, bytes: out.bytesWritten };
}
