import http from 'node:http';
import type net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A loopback proxy in front of a PACS: its URL and how to stop it. */
export interface SlowProxy {
  url: string;
  stop(): Promise<void>;
}

/** A retrieve's path: an instance, or a whole series or study (no query). */
const RETRIEVE = /\/(instances|series|studies)\/[0-9.]+$/;

/**
 * Forwards every request to `target` (a real PACS on loopback) and sends the answers to retrieves
 * at `bytesPerSecond`: a PACS over a slow link, so that a test can see what the app shows while
 * a study is still arriving. Searches pass at full speed.
 */
export async function startSlowProxy(target: string, bytesPerSecond: number): Promise<SlowProxy> {
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  const slice = 16 * 1024;
  const server = http.createServer((req, res) => {
    const request = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, async (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (!RETRIEVE.test(req.url ?? '')) return void answer.pipe(res);
      try {
        for await (const chunk of answer as AsyncIterable<Buffer>) {
          for (let i = 0; i < chunk.length; i += slice) {
            const piece = chunk.subarray(i, i + slice);
            if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
            await sleep((piece.length / bytesPerSecond) * 1000);
          }
        }
        res.end();
      } catch {
        res.destroy();
      }
    });
    request.on('error', () => res.destroy());
    req.pipe(request);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
