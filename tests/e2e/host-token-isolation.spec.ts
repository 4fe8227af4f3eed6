import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures/host';

// Any program of any account on this machine may listen on another port of 127.0.0.1, and for a
// browser that port is the same site as the app: it is sent every cookie the app set. The launch
// token must never travel with the browser's requests to it, however the browser gets there.

/**
 * A server on another loopback port, recording every request's credentials. Its page `/` calls it
 * back; its page `/go?to=<url>` sends the browser on to that URL, as a link on any site can.
 */
async function otherLoopbackServer(): Promise<{ origin: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url} cookie=${request.headers.cookie ?? ''} authorization=${request.headers.authorization ?? ''}`);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to');
    if (to) response.end(`<!doctype html><a id="go" href="${to}">go</a>`);
    else response.end(request.url === '/' ? '<!doctype html><script>fetch("/probe", { credentials: "include" }).then(() => { document.title = "probed"; });</script>' : 'ok');
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

test("a page of another site sending the browser to the app finds it closed: only the user's own navigation, or the printed URL, opens it", async ({ page, host }) => {
  const app = new URL(host.url).origin;
  const other = await otherLoopbackServer();
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('reader-chip')).toContainText('E2E');
    // Another site (localhost is not the site 127.0.0.1) and another port of 127.0.0.1 (the same site) link to a deep link of the app.
    for (const linking of [other.origin.replace('127.0.0.1', 'localhost'), other.origin]) {
      await page.goto(`${linking}/go?to=${encodeURIComponent(`${app}/#/worklist`)}`);
      await page.click('#go');
      await page.waitForURL(`${app}/#/worklist`);
      await expect(page.locator('body')).toContainText('open the URL that `serve` printed');
      await expect(page.getByTestId('reader-chip')).toHaveCount(0);
    }
    // The user's own navigation opens it, signed in; so does the printed URL, wherever it is followed from.
    await page.goto('about:blank');
    await page.goto(`${app}/#/worklist`);
    await expect(page.getByTestId('reader-chip')).toContainText('E2E');
    await page.goto(`${other.origin}/go?to=${encodeURIComponent(host.url)}`);
    await page.click('#go');
    await expect(page.getByTestId('reader-chip')).toContainText('E2E');
  } finally {
    await other.close();
  }
});
