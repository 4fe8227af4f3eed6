import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { DEFAULT_CONNECTION_BOUNDS } from '../../../electron/host/connection-bounds';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { temporaryFolder } from '../../support/paths';

// Real sockets against the real host. A local process that opens connections and sends nothing,
// trickles its request, or never reads the answer must not hold the host's sockets for ever; the
// long polls of the renderer and the CLI, and answers read at a reader's pace, must still work.

/** Bounds short enough to watch, with the request bound far above them so that only the bound under test can close. */
const SHORT = { headersMs: 1000, requestMs: 60_000, idleMs: 1000, keepAliveMs: 500 };
/** A static file larger than what loopback's socket buffers take in without being read. */
const BIG_FILE_BYTES = 64 * 2 ** 20;

let dataDir: string;
let rendererDir: string;
let core: AppCore;
let shipped: RunningHost;
let short: RunningHost;
/** A PACS that takes connections and never answers: a retrieve from it stays running. */
let silentPacs: net.Server;
const pacsSockets = new Set<net.Socket>();

beforeAll(async () => {
  dataDir = temporaryFolder('host-bounds-data');
  rendererDir = temporaryFolder('host-bounds-renderer');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BoneMet Review</title>');
  fs.writeFileSync(path.join(rendererDir, 'big.bin'), Buffer.alloc(BIG_FILE_BYTES, 7));
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
  shipped = await startHost({ core, dataDir, rendererDir });
  short = await startHost({ core, dataDir, rendererDir, connectionBounds: SHORT });
  silentPacs = net.createServer((socket) => {
    pacsSockets.add(socket);
    socket.on('close', () => pacsSockets.delete(socket));
  });
  await new Promise<void>((resolve) => silentPacs.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of pacsSockets) socket.destroy();
  await new Promise((resolve) => silentPacs.close(resolve));
  await Promise.all([shipped.close(), short.close()]);
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw connection to a host, and when (ms after opening) the host closed it. */
function connect(host: RunningHost): { socket: net.Socket; closedAfter: Promise<number>; received: () => string } {
  const opened = performance.now();
  const socket = net.connect(host.port, '127.0.0.1');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1', 0, Math.min(chunk.length, 200))));
  socket.on('error', () => undefined);
  const closedAfter = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now() - opened)));
  return { socket, closedAfter, received: () => text };
}

/** Resolves with the value, or with 'still open' after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> {
  return Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);
}

const headersOf = (host: RunningHost, method: string, pathname: string, extra = '') =>
  `${method} ${pathname} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n${extra}`;

/** Calls a channel over HTTP as the CLI's and renderer's long polls do; resolves with the answer and how long it took. */
async function rpc(host: RunningHost, channel: string, body: unknown): Promise<{ value: unknown; ms: number }> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${host.port}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
  return { value: envelope.value, ms: performance.now() - started };
}

describe('the loopback host closes connections that keep it waiting', () => {
  it('as shipped: a connection that never sends a byte, and one sending its headers a byte a second, are closed within the headers bound', async () => {
    const bound = DEFAULT_CONNECTION_BOUNDS.headersMs;
    expect(bound).toBeLessThanOrEqual(10_000);
    const silent = connect(shipped);
    const trickling = connect(shipped);
    const request = headersOf(shipped, 'GET', '/index.html');
    let sent = 0;
    const trickle = setInterval(() => trickling.socket.write(request[sent++ % request.length]!), 1000);
    try {
      // Node's defaults closed them after 60 s and 60 to 90 s.
      const [silentMs, tricklingMs] = await Promise.all([within(silent.closedAfter, bound + 20_000), within(trickling.closedAfter, bound + 20_000)]);
      expect(silentMs).toBeGreaterThanOrEqual(bound - 100);
      // Far below Node's 60 s, with room for a loaded machine (Node checks once a second, then closes).
      expect(silentMs).toBeLessThan(bound + 15_000);
      expect(tricklingMs).toBeLessThan(bound + 15_000);
      expect(trickling.received()).toMatch(/^HTTP\/1.1 408/);
    } finally {
      clearInterval(trickle);
    }
  }, 45_000);

  it('a request body that stops arriving is closed after the idle bound, not the request bound', async () => {
    const connection = connect(short);
    connection.socket.write(`${headersOf(short, 'POST', '/rpc/app.info', 'Content-Type: application/json\r\nContent-Length: 100\r\n')}\r\n{"a":`);
    const closedMs = await within(connection.closedAfter, 20_000);
    expect(closedMs).not.toBe('still open');
    expect(closedMs).toBeGreaterThanOrEqual(SHORT.idleMs - 100);
    // The request bound is 60 s: well under it, with room for a loaded machine.
    expect(closedMs).toBeLessThan(SHORT.idleMs + 9000);
  }, 30_000);

  it('an answer the client never reads (a 64 MiB file) is given up after the idle bound', async () => {
    const connection = connect(short);
    let received = 0;
    connection.socket.on('data', (chunk: Buffer) => (received += chunk.length));
    connection.socket.pause();
    connection.socket.write(`${headersOf(short, 'GET', '/big.bin')}\r\n`);
    // A paused socket hears of its close only once it reads again: it reads after the bound and some.
    await new Promise((resolve) => setTimeout(resolve, SHORT.idleMs + 2000));
    connection.socket.resume();
    const closed = await within(connection.closedAfter, 10_000);
    expect(closed).not.toBe('still open');
    // Cut off: what the sockets' buffers held, never the whole file.
    expect(received).toBeLessThan(BIG_FILE_BYTES / 2);
  }, 20_000);

  it('a kept-alive connection is closed once idle for the keep-alive bound after its answer', async () => {
    const connection = connect(short);
    connection.socket.write(`${headersOf(short, 'GET', '/index.html')}\r\n`);
    const closedMs = await within(connection.closedAfter, 10_000);
    expect(connection.received()).toMatch(/^HTTP\/1.1 200/);
    expect(closedMs).not.toBe('still open');
    // Node's own keep-alive is 5 s: under it, with room for a loaded machine.
    expect(closedMs).toBeLessThan(SHORT.keepAliveMs + 3500);
  }, 20_000);
});

describe('the loopback host keeps serving what takes long on its side or the reader\'s', () => {
  it('a job status long poll (`waitMs`) longer than the idle bound answers at the end of its wait', async () => {
    // A retrieve from a PACS that never answers stays running: the renderer's first-slice wait and the CLI's wait on it are long polls.
    await rpc(short, 'pacs.set', { url: `http://127.0.0.1:${(silentPacs.address() as net.AddressInfo).port}/dicom-web` });
    const { jobId } = (await rpc(short, 'pacs.retrieve', { studyInstanceUid: '1.2.3.4' })).value as { jobId: string };
    try {
      const waitMs = SHORT.idleMs * 3;
      const firstSlice = await rpc(short, 'pacs.retrieveStatus', { jobId, waitMs, until: 'first-slice' });
      expect(firstSlice.value).toMatchObject({ state: 'running' });
      expect(firstSlice.ms).toBeGreaterThanOrEqual(waitMs - 50);
      const toTheEnd = await rpc(short, 'pacs.retrieveStatus', { jobId, waitMs });
      expect(toTheEnd.value).toMatchObject({ state: 'running' });
      expect(toTheEnd.ms).toBeGreaterThanOrEqual(waitMs - 50);
    } finally {
      await rpc(short, 'pacs.retrieveCancel', { jobId });
    }
  }, 30_000);

  it('a streamed answer read slowly but steadily, lasting longer than the idle bound, arrives whole', async () => {
    const started = performance.now();
    const bytes = await new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: short.port, path: '/big.bin', headers: { host: `127.0.0.1:${short.port}`, authorization: `Bearer ${short.token}` } }, (res) => {
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
          // A pause now and then, each shorter than the idle bound, adding up to more than it.
          if (total % (8 * 2 ** 20) < chunk.length) {
            res.pause();
            setTimeout(() => res.resume(), SHORT.idleMs / 2);
          }
        });
        res.on('end', () => resolve(total));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    expect(bytes).toBe(BIG_FILE_BYTES);
    expect(performance.now() - started).toBeGreaterThan(SHORT.idleMs * 2);
  }, 30_000);

  it('an upload whose body comes in pieces, each within the idle bound, is stored whole', async () => {
    const batch = randomUUID();
    const pieces = 6;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1', port: short.port, path: `/uploads/${batch}?name=slow.dcm`, method: 'POST',
          headers: { host: `127.0.0.1:${short.port}`, authorization: `Bearer ${short.token}`, 'content-length': String(pieces * 1024) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        },
      );
      req.on('error', reject);
      let sent = 0;
      const next = () => {
        req.write(Buffer.alloc(1024, sent));
        if (++sent === pieces) req.end();
        else setTimeout(next, SHORT.idleMs / 2);
      };
      next();
    });
    expect(status).toBe(200);
    expect(fs.statSync(path.join(dataDir, 'uploads', batch, 'slow.dcm')).size).toBe(pieces * 1024);
  }, 30_000);
});
