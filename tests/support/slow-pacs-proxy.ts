import http from 'node:http';
import type net from 'node:net';

/** A loopback proxy in front of a PACS: its URL and how to stop it. */
export interface SlowProxy {
  url: string;
  stop(): Promise<void>;
}

/**
 * Forwards every request to `target` (a real PACS on loopback), holding each answer to an
 * instance retrieve back by `delayMs`: a PACS over a slow link, so that a test can see what the
 * app shows while a study is still arriving.
 */
export async function startSlowProxy(target: string, delayMs: number): Promise<SlowProxy> {
  const upstream = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const forward = () => {
      const request = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      request.on('error', () => res.destroy());
      req.pipe(request);
    };
    if (/\/instances\/[0-9.]+$/.test(req.url ?? '')) setTimeout(forward, delayMs);
    else forward();
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
