import type http from 'node:http';

/**
 * The least a transfer that ends must bring: 16 KiB a second (a 512 KiB CT slice in half a
 * minute), measured over twice the idle time-out. A server that sends a byte just often enough
 * never to be idle would otherwise hold a retrieve, or a search, for ever.
 */
export const MIN_BYTES_PER_SECOND = 16 * 1024;

/** What a guard reports when an answer comes too slowly: bytes read over the window, and its length. */
export interface Trickle {
  bytes: number;
  windowMs: number;
}

/**
 * Watches an answer's body while it arrives and calls `tooSlow` once a window of `2 x idleMs`
 * brought fewer bytes than MIN_BYTES_PER_SECOND asks. A window in which the reader held the body
 * back (its buffer full) does not count: the slowness was this side's. Stops when the body ends.
 * @param body - the answer whose socket is read
 * @param idleMs - the request's idle time-out
 * @param tooSlow - called at most once
 */
export function guardAgainstTrickle(body: http.IncomingMessage, idleMs: number, tooSlow: (trickle: Trickle) => void): void {
  const windowMs = 2 * idleMs;
  const socket = body.socket;
  let last = socket.bytesRead;
  const watch = setInterval(() => {
    const read = socket.bytesRead;
    const bytes = read - last;
    last = read;
    const heldBack = body.readableLength >= body.readableHighWaterMark || socket.isPaused();
    if (heldBack || bytes >= (MIN_BYTES_PER_SECOND * windowMs) / 1000) return;
    clearInterval(watch);
    tooSlow({ bytes, windowMs });
  }, windowMs);
  // The process may exit while an answer is being read: the guard alone keeps nothing alive.
  watch.unref();
  body.once('close', () => clearInterval(watch));
  body.once('end', () => clearInterval(watch));
}
