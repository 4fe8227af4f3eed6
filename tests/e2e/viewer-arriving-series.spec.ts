import type { Page } from '@playwright/test';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { hostRpc } from './fixtures/host-api';
import { expect, TEST_READER, type BrowserHost } from './fixtures/host';
import { CT_FOLDER, CT_SLICES, testWithPacsCt, type PacsWithCt } from './fixtures/pacs-ct';
import { frameOfReference, sliceFacts } from './fixtures/series-facts';
import { sliceOfInstance } from './fixtures/viewer';

// The chest CT read while it still arrives from a real Orthanc over a slow link (2 MB/s: about
// 19 s for its 38 MB), its stack listed again as slices are indexed.
const test = testWithPacsCt(2_000_000);
// Orthanc's start, the study's upload to it and the slow retrieve.
test.describe.configure({ timeout: 180_000 });

/** Finds the study on the PACS tab and clicks Open (its retrieve starts, the viewer follows). */
async function clickOpenOnPacs(page: Page, host: BrowserHost, pacs: PacsWithCt) {
  await hostRpc(host, 'pacs.set', { url: `${pacs.proxy.url}/dicom-web` });
  await page.goto(host.url);
  await page.getByTestId('source-pacs').click();
  await page.getByTestId('pacs-search-patientId').fill('0314');
  await page.getByTestId('pacs-search-submit').click();
  await page.locator(`[data-testid="pacs-study-row"][data-study-uid="${pacs.studyUid}"]`).getByTestId('pacs-open').click();
}

/** Opens the study from the PACS tab; resolves once its first image is shown, with the stack viewport. */
async function openFromPacs(page: Page, host: BrowserHost, pacs: PacsWithCt) {
  await clickOpenOnPacs(page, host, pacs);
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

test("a drawing stored on a slice still to arrive is put back on it once its series has arrived", async ({ page, host, pacs }) => {
  // The reader's Length on the CT's 40th slice, saved while the study was not here (as after the
  // PACS cache evicted it): opened from the PACS, that slice comes well after the first.
  const slice = sliceFacts(CT_FOLDER, 40);
  const [seriesUid] = ((await (await fetch(`${pacs.orthanc.dicomWebUrl}/studies/${pacs.studyUid}/series`)).json()) as { '0020000E': { Value: [string] } }[]).map((s) => s['0020000E'].Value[0]);
  const along = (column: number): [number, number, number] => [0, 1, 2].map((k) => slice.position[k]! + column * slice.pixelSpacing[1] * slice.orientation[k]!) as [number, number, number];
  const annotation: Annotation = {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    id: 'e2ea0000-0000-4000-8000-000000000040',
    lesionId: null,
    studyInstanceUid: pacs.studyUid,
    seriesInstanceUid: seriesUid!,
    sopInstanceUid: slice.sop,
    frameNumber: 1,
    frameOfReferenceUid: frameOfReference(CT_FOLDER, slice.sop),
    viewPlaneNormal: null,
    viewUp: null,
    tool: 'Length',
    points: [along(100), along(200)],
    text: null,
    measurements: { length: 100 * slice.pixelSpacing[1] },
    reader: TEST_READER.initials,
    createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:05.000Z',
  };
  await hostRpc(host, 'annotations.save', { annotation });

  const viewport = await openFromPacs(page, host, pacs);
  await expect(viewport).toHaveAttribute('data-slice-count', String(CT_SLICES), { timeout: 90_000 });
  await expect(page.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 60_000 });
  const drawn = () => page.evaluate((id) => window.__bonemetViewer!.annotations().find((a) => a.annotationUid === id)?.image ?? null, annotation.id);
  await expect.poll(drawn).toEqual({ seriesInstanceUid: seriesUid, sopInstanceUid: slice.sop, frame: null });
  await expect(page.getByText('is no longer in the index')).toHaveCount(0);
});

test('a series whose retrieve ends before the viewer has mounted is shown whole, not as it was listed when the link was followed', async ({ page, host, pacs }) => {
  // The viewer page's script is held back until every slice is indexed: the series is listed as
  // the address changes (a few slices in), and the viewer mounts after its retrieve has ended.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/assets/viewer-*.js', async (route) => {
    await released;
    await route.continue();
  });
  await clickOpenOnPacs(page, host, pacs);
  await expect(page).toHaveURL(/#\/study\/.*\/series\//, { timeout: 60_000 });
  const seriesUid = /\/series\/([^/?]+)/.exec(page.url())![1]!;
  await expect.poll(async () => (await hostRpc(host, 'series.instances', { seriesInstanceUid: seriesUid })).length, { timeout: 90_000 }).toBe(CT_SLICES);
  await expect(page.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 60_000 });
  release();

  const viewport = page.locator('[data-testid="viewport"][data-orientation="stack"]');
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(viewport).toHaveAttribute('data-slice-count', String(CT_SLICES), { timeout: 15_000 });
});
