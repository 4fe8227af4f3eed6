import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, toErrorShape } from '@shared/errors';
import { fail } from '@shared/ipc/envelope';
import type { AppCore } from '../core/app-core';
import { withinLimit } from '../core/files/limited-body';
import { storeUploadedFile } from '../core/files/upload-batch';
import { dispatch } from '../core/handlers/dispatch';
import { boundConnections, boundedServerOptions, DEFAULT_CONNECTION_BOUNDS, type ConnectionBounds } from './connection-bounds';
import { checkAddressToken, checkSource, checkToken } from './request-guard';
import { sendStream } from './send-file';
import { serveStatic } from './static-files';

const MAX_RPC_BYTES = 1024 * 1024;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
/** The first path segments of the routes that answer with or take data: the token guards them. */
const DATA_ROUTES = new Set(['rpc', 'instances', 'uploads']);

/** What the browser-mode host serves: the core's handlers, the data folder for uploads, the built renderer. */
export interface HostOptions {
  core: AppCore;
  dataDir: string;
  rendererDir: string;
  port?: number;
  token?: string;
  /** The largest file a page may drop (default 2 GiB). */
  maxUploadBytes?: number;
  /** How long a client may keep the host waiting (default DEFAULT_CONNECTION_BOUNDS). */
  connectionBounds?: Partial<ConnectionBounds>;
}

/** A started host: its URL with the per-launch token (printed first by `serve`), and how to stop it. */
export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The browser-mode door: the same handlers as Electron's IPC over HTTP on 127.0.0.1 only,
 * behind a per-launch token, with pixel data served by instance id.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const bounds = { ...DEFAULT_CONNECTION_BOUNDS, ...options.connectionBounds };
  const server = http.createServer(boundedServerOptions(bounds), (request, response) => {
    // No page of the app links anywhere, and its first URL carries the token: no Referer ever leaves it.
    response.setHeader('referrer-policy', 'no-referrer');
    handle(request, response).catch((error: unknown) => sendJson(response, 500, fail(toErrorShape(error))));
  });
  // A local process must not hold the host's sockets open forever: one that never sends its
  // request, trickles it, or never reads its answer is closed. A handler at work is not waiting on it.
  const answering = boundConnections(server, bounds);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const segments = url.pathname.split('/').filter(Boolean);
    // The app's own files hold no data and load without the token (a script tag sends no header);
    // calls, instances and dropped files need it.
    const forData = DATA_ROUTES.has(segments[0] ?? '');
    const refusal = checkSource(request, port, url) ?? checkAddressToken(url, token) ?? (forData ? checkToken(request, token) : null);
    if (refusal) {
      sendJson(response, refusal.status, fail({ code: 'forbidden', message: refusal.reason }));
      return;
    }
    if (segments[0] === 'rpc' && segments.length === 2) {
      if (request.method !== 'POST') return sendJson(response, 405, fail({ code: 'invalid_request', message: 'use POST' }));
      let payload: unknown;
      try {
        const body = await readBody(request, MAX_RPC_BYTES);
        payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch (error) {
        const problem = error instanceof AppError ? error : new AppError('invalid_request', 'The request body is not JSON.');
        return sendJson(response, 400, fail(toErrorShape(problem)), request.readableEnded);
      }
      let channel: string;
      try {
        channel = decodeURIComponent(segments[1]!);
      } catch {
        return sendJson(response, 400, fail({ code: 'invalid_request', message: 'The channel name in the URL is not valid percent-encoding.' }));
      }
      return sendJson(response, 200, await answering(request.socket, () => dispatch(options.core.handlers, channel, payload)));
    }
    if (segments[0] === 'instances' && segments.length === 2 && request.method === 'GET') return serveInstance(segments[1]!, response);
    if (segments[0] === 'uploads' && segments.length === 2 && request.method === 'POST') {
      try {
        const stored = await storeUploadedFile(options.dataDir, segments[1]!, url.searchParams.get('name') ?? 'file', request, options.maxUploadBytes ?? MAX_UPLOAD_BYTES);
        return sendJson(response, 200, { ok: true, value: { stored: stored.bytes } });
      } catch (error) {
        return sendJson(response, 400, fail(toErrorShape(error)), request.readableEnded);
      }
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, fail({ code: 'invalid_request', message: 'method not allowed' }));
    serveStatic(options.rendererDir, url.pathname, response, {});
  }

  function serveInstance(idText: string, response: ServerResponse): void {
    if (!/^[1-9][0-9]*$/.test(idText)) return sendJson(response, 400, fail({ code: 'invalid_request', message: 'An instance id is a positive integer.' }));
    const answer = options.core.instanceFile(Number(idText));
    if (!answer.ok) return sendJson(response, answer.status, fail(answer.error));
    sendStream(response, answer.file.stream(), {
      'content-type': 'application/dicom',
      'content-length': String(answer.file.size),
      // An id names a row of this data folder's index, not a file: the next host on this port,
      // or an id freed by an eviction, means another image. Every view asks, and so is checked.
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenFailure(error, options.port ?? 0)));
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Why the host could not listen, in words that say what to do. */
function listenFailure(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new AppError('conflict', `Port ${port} on 127.0.0.1 is already in use (another BoneMet Review, or another program): choose another with --port, or leave --port out to take a free one.`, { cause: error });
  }
  return error;
}

/**
 * Answers with a JSON envelope. `bodyRead` false (a body refused before its end) closes the
 * connection after the answer, since the rest of that body cannot be told from a next request.
 */
function sendJson(response: ServerResponse, status: number, body: unknown, bodyRead = true): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(bodyRead ? {} : { connection: 'close' }),
  });
  response.end(JSON.stringify(body));
}

/** The whole body of a request within `limit` bytes; a larger one is read to its end and refused. */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of withinLimit(request, limit, 'The request body')) chunks.push(chunk);
  return Buffer.concat(chunks);
}
