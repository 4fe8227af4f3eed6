import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures/host';

// Any program of any account on this machine may listen on another port of 127.0.0.1, and for a
// browser that port is the same site as the app: it is sent every cookie the app set. The launch
// token must never travel with the browser's requests to it, however the browser gets there.

/** A server on another loopback port, recording every request's credentials; its page calls it back. */
async function otherLoopbackServer(): Promise<{ origin: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url} cookie=${request.headers.cookie ?? ''} authorization=${request.headers.authorization ?? ''}`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url === '/' ? '<!doctype html><script>fetch("/probe", { credentials: "include" }).then(() => { document.title = "probed"; });</script>' : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('the launch token never reaches another server on 127.0.0.1, and the app stays signed in without it in the address', async ({ page, host }) => {
  const token = new URL(host.url).searchParams.get('token')!;
  const other = await otherLoopbackServer();
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('reader-chip')).toContainText('E2E');
    await expect(page).not.toHaveURL(/token=/);

    // The same browser goes on to the other server, whose page calls it back (a same-site request).
    await page.goto(`${other.origin}/`);
    await expect(page).toHaveTitle('probed');
    expect(other.seen.length).toBeGreaterThanOrEqual(2);
    for (const request of other.seen) expect(request).not.toContain(token);

    // Back to the app by its address without the token: still signed in, the study list answers.
    await page.goto(`${new URL(host.url).origin}/`);
    await expect(page.getByTestId('reader-chip')).toContainText('E2E');
    await expect(page.getByTestId('welcome-panel')).toBeVisible();
  } finally {
    await other.close();
  }
});
