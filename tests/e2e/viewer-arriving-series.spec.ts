import type { Page } from '@playwright/test';
import { hostRpc } from './fixtures/host-api';
import { expect, type BrowserHost } from './fixtures/host';
import { CT_SLICES, testWithPacsCt, type PacsWithCt } from './fixtures/pacs-ct';
import { sliceOfInstance } from './fixtures/viewer';

// The chest CT read while it still arrives from a real Orthanc over a slow link (2 MB/s: about
// 19 s for its 38 MB), its stack listed again as slices are indexed.
const test = testWithPacsCt(2_000_000);
// Orthanc's start, the study's upload to it and the slow retrieve.
test.describe.configure({ timeout: 180_000 });

/** Opens the study from the PACS tab; resolves once its first image is shown, with the stack viewport. */
async function openFromPacs(page: Page, host: BrowserHost, pacs: PacsWithCt) {
  await hostRpc(host, 'pacs.set', { url: `${pacs.proxy.url}/dicom-web` });
  await page.goto(host.url);
  await page.getByTestId('source-pacs').click();
  await page.getByTestId('pacs-search-patientId').fill('0314');
  await page.getByTestId('pacs-search-submit').click();
  await page.locator(`[data-testid="pacs-study-row"][data-study-uid="${pacs.studyUid}"]`).getByTestId('pacs-open').click();
  const viewport = page.locator('[data-testid="viewport"][data-orientation="stack"]');
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  return viewport;
}

/** The DICOM identity of the image the first stack viewport shows, from Cornerstone itself. */
function shownImage(page: Page) {
  return page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0'));
}

test('a series growing as it arrives keeps the reader on the image they read, with the window they chose', async ({ page, host, pacs }) => {
  const viewport = await openFromPacs(page, host, pacs);
  // A few slices in, the reader goes to the last one there and picks the bone window.
  await expect.poll(async () => Number(await viewport.getAttribute('data-slice-count')), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('End');
  await page.keyboard.press('1');
  const window = page.getByTestId('overlay-window').first();
  await expect(window).toHaveText(/^W 2000 L 500/);
  const readSlice = Number(await viewport.getAttribute('data-slice-index'));
  const reading = await shownImage(page);
  expect(reading).not.toBeNull();
  // The slice read was the last one there: more of the series was still to come.
  expect(readSlice).toBeLessThan(CT_SLICES);

  // Every slice arrives; the stack took them all, and the reader is where they were, as they were.
  await expect(viewport).toHaveAttribute('data-slice-count', String(CT_SLICES), { timeout: 90_000 });
  await expect(page.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 60_000 });
  const instances = await hostRpc(host, 'series.instances', { seriesInstanceUid: (await viewport.getAttribute('data-series-uid'))! });
  expect(instances).toHaveLength(CT_SLICES);
  await expect(viewport).toHaveAttribute('data-slice-index', String(sliceOfInstance(instances, reading!.instanceId)));
  expect(await shownImage(page)).toEqual(reading);
  await expect(window).toHaveText(/^W 2000 L 500/);
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered');
});

test('a reformat is refused with the count while its series arrives, and built from every slice once it has', async ({ page, host, pacs }) => {
  const viewport = await openFromPacs(page, host, pacs);
  // Enough slices for a reformat of what is there: it is still not offered, and the reader is told why.
  await expect.poll(async () => Number(await viewport.getAttribute('data-slice-count')), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  const mpr = page.getByTestId('layout-mpr');
  await expect(mpr).toHaveAttribute('title', new RegExp(`^No reformat: The series is still arriving from the PACS \\(\\d+ of ${CT_SLICES} slices here\\): a reformat is built only from the whole series\\.$`));
  await expect(mpr).toBeDisabled();
  await page.mouse.move(0, 0);
  await page.keyboard.press('m');
  await expect(page.getByTestId('info-message').locator('.notice-text')).toHaveText(/^No reformat: The series is still arriving from the PACS/);
  await expect(page.getByTestId('viewport')).toHaveCount(1);

  // Every slice here: the reformat opens, its axial plane holding all of them.
  await expect(page.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 90_000 });
  await expect(viewport).toHaveAttribute('data-slice-count', String(CT_SLICES), { timeout: 30_000 });
  await expect(mpr).toBeEnabled();
  await mpr.click();
  const axial = page.locator('[data-testid="viewport"][data-orientation="axial"]');
  await expect(axial).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(axial).toHaveAttribute('data-slice-count', String(CT_SLICES));
});
