import net from 'node:net';

/** How Playwright's CDP messages name the call that starts a page's network events. */
const NETWORK_ENABLE = '"method":"Network.enable"';

/**
 * Makes the Chromium that Playwright drives from this process keep no response bodies for the
 * DevTools protocol. Playwright starts every page's network events with `Network.enable` and no
 * limits, so Chromium keeps each response body (up to 200 MB) in the renderer, in case the
 * driver asks for it: a 512x512x300 CT's files stayed resident there, about 224 MB that the app,
 * which runs without DevTools, never holds. The call goes out with zero-byte buffers instead
 * (Playwright writes its CDP messages to Chromium's pipe as JSON strings). Call once, before
 * launching the browser; the bench reads no response body.
 */
export function recordNoResponseBodies(): void {
  const write = net.Socket.prototype.write as (this: net.Socket, chunk: unknown, ...rest: unknown[]) => boolean;
  net.Socket.prototype.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]): boolean {
    const bare = typeof chunk === 'string' && chunk.includes(NETWORK_ENABLE) && !chunk.includes('"params"');
    const sent = bare ? chunk.replace(NETWORK_ENABLE, `${NETWORK_ENABLE},"params":{"maxTotalBufferSize":0,"maxResourceBufferSize":0}`) : chunk;
    return write.call(this, sent, ...rest);
  } as typeof net.Socket.prototype.write;
}
