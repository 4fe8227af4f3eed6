import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Streams a regular file as a 200 answer. Returns false, having sent nothing, when the path is
 * not a readable regular file (gone, a folder, no permission).
 */
export function sendFile(response: ServerResponse, filePath: string, headers: Record<string, string>): boolean {
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch {
    return false;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) {
      fs.closeSync(fd);
      return false;
    }
  } catch {
    fs.closeSync(fd);
    return false;
  }
  sendStream(response, fs.createReadStream('', { fd }), headers);
  return true;
}

/**
 * Sends a stream as a 200 answer. A read that fails once the answer has started (a pulled USB
 * disk, a network share gone) cuts that answer off; it never throws out of the stream, which
 * would stop the whole host.
 */
export function sendStream(response: ServerResponse, body: Readable, headers: Record<string, string>): void {
  response.writeHead(200, headers);
  pipeline(body, response).catch(() => response.destroy());
}
