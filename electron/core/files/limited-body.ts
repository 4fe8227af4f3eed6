import { AppError } from '@shared/errors';

/**
 * How much of a body beyond its limit is still read, and dropped, so that the client hears the
 * refusal: a server that stops reading mid-upload resets the connection, and the client then
 * reports "connection reset" instead of the reason. A body larger still is cut off.
 */
export const DRAIN_BEYOND_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Passes a body's chunks on while they stay within `maxBytes`; past that it reads the rest
 * without keeping it and then throws a typed error naming the limit.
 * @param what - the body as the error names it, e.g. "The request body"
 */
export async function* withinLimit(source: AsyncIterable<Buffer>, maxBytes: number, what: string): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    if (bytes <= maxBytes) yield chunk;
    else if (bytes > maxBytes + DRAIN_BEYOND_LIMIT_BYTES) break;
  }
  if (bytes > maxBytes) throw new AppError('invalid_request', `${what} is larger than the limit of ${maxBytes} bytes.`);
}
