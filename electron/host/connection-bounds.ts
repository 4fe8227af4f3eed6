import type http from 'node:http';
import type { Socket } from 'node:net';

/** How long the host waits on a client before it closes the connection, in milliseconds. */
export interface ConnectionBounds {
  /** From a connection's opening, or a request's first byte, to the end of its headers. */
  headersMs: number;
  /** From a request's first byte to the end of its body: the largest upload must fit. */
  requestMs: number;
  /** Silence while the host waits on the client (a body that stops coming, an answer left unread). */
  idleMs: number;
  /** A kept-alive connection between two requests. */
  keepAliveMs: number;
}

/**
 * The bounds the host ships with. A browser on loopback sends its headers in one packet, so
 * 10 s is generous; a 2 GiB drop read from a slow share must still arrive within the request's
 * 5 minutes (Node's own default). The idle bound never applies while a handler works on an
 * answer: a long poll (`waitMs`, up to 30 s) or a slow PACS search waits on the host, not the client.
 */
export const DEFAULT_CONNECTION_BOUNDS: ConnectionBounds = { headersMs: 10_000, requestMs: 300_000, idleMs: 30_000, keepAliveMs: 5_000 };

/** The options `http.createServer` takes for these bounds (Node checks headers and requests at an interval fixed then). */
export function boundedServerOptions(bounds: ConnectionBounds): http.ServerOptions {
  return {
    headersTimeout: bounds.headersMs,
    requestTimeout: bounds.requestMs,
    // Node's default interval (30 s) would let a connection outlive the headers bound by that much.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(bounds.headersMs / 4))),
  };
}

/**
 * Closes connections on which the host is waiting on the client for longer than the bounds:
 * headers and requests by Node's own checks, silence by the socket's inactivity timer, except
 * while `answering` runs the handler of a request on that connection.
 * @returns `answering(socket, work)`: runs `work`, the connection being exempt from the idle bound meanwhile
 */
export function boundConnections(server: http.Server, bounds: ConnectionBounds): <T>(socket: Socket, work: () => Promise<T>) => Promise<T> {
  server.keepAliveTimeout = bounds.keepAliveMs;
  server.timeout = bounds.idleMs;
  const working = new WeakMap<Socket, number>();
  // A listener replaces Node's own "destroy on timeout", for every socket timeout: idle and keep-alive.
  server.on('timeout', (socket: Socket) => {
    if (!working.get(socket)) socket.destroy();
  });
  return async (socket, work) => {
    working.set(socket, (working.get(socket) ?? 0) + 1);
    try {
      return await work();
    } finally {
      // The answer written next counts as activity and starts the timer again.
      working.set(socket, working.get(socket)! - 1);
    }
  };
}
