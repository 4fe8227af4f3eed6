import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, SHARED_DICOM, startBrowserHost, test, type BrowserHost } from './fixtures/host';
import { cliImport } from './fixtures/host-api';

// An instance's URL names an id in one data folder's index, not a file: the next host on the same
// port (another data folder, `serve --port` kept), or the same index after a cache eviction, gives
// that id to another patient's image. The browser must never answer it from its cache.

const sha = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** GET /instances/<id> from the app's page as Cornerstone's loader does it: an XHR with the bearer token. */
async function viewerFetch(page: Page, host: BrowserHost, instanceId: number): Promise<string> {
  const token = new URL(host.url).searchParams.get('token')!;
  const bytes = await page.evaluate(
    ({ id, bearer }) =>
      new Promise<number[]>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', `/instances/${id}`);
        xhr.responseType = 'arraybuffer';
        xhr.setRequestHeader('authorization', `Bearer ${bearer}`);
        xhr.onload = () => (xhr.status === 200 ? resolve([...new Uint8Array(xhr.response as ArrayBuffer)]) : reject(new Error(`HTTP ${xhr.status}`)));
        xhr.onerror = () => reject(new Error('network error'));
        xhr.send();
      }),
    { id: instanceId, bearer: token },
  );
  return sha(Uint8Array.from(bytes));
}

test("the next host on the same port shows its own instance 1, never the last host's from the browser cache", async ({ page }) => {
  const ct = path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm');
  const mr = path.join(SHARED_DICOM, 'pydicom', 'MR_small.dcm');
  const first = await startBrowserHost();
  const port = Number(new URL(first.url).port);
  let second: BrowserHost | null = null;
  try {
    await cliImport(first.dataDir, [ct]);
    await page.goto(first.url);
    expect(await viewerFetch(page, first, 1)).toBe(sha(fs.readFileSync(ct)));
    await first.stop();

    second = await startBrowserHost([SHARED_DICOM], { port });
    await cliImport(second.dataDir, [mr]);
    await page.goto(second.url);
    expect(await viewerFetch(page, second, 1)).toBe(sha(fs.readFileSync(mr)));
  } finally {
    await first.stop();
    await second?.stop();
  }
});
