import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

const BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The folder that holds one batch of files dropped on the browser-mode window. */
export function uploadBatchDir(dataDir: string, batchId: string): string {
  if (!BATCH_ID.test(batchId)) throw new AppError('invalid_request', 'An upload batch id is a UUID.');
  return path.join(dataDir, 'uploads', batchId);
}

/**
 * Stores one dropped file in its batch folder under a sanitised name (never a path from the
 * request), numbering names that repeat.
 */
export function storeUploadedFile(dataDir: string, batchId: string, fileName: string, bytes: Uint8Array): string {
  const dir = uploadBatchDir(dataDir, batchId);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(fileName).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'file';
  let target = path.join(dir, base);
  for (let n = 1; fs.existsSync(target); n++) target = path.join(dir, `${n}-${base}`);
  fs.writeFileSync(target, bytes, { flag: 'wx' });
  return target;
}
