import path from 'node:path';
import type { Page } from '@playwright/test';
import { CT_FOLDER, clearFindings, test } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { dragWithMouse } from './fixtures/drawing';
import { sliceFacts } from './fixtures/series-facts';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A deep link draws its first image before Cornerstone's tools (1 MB of script) have loaded: they
// load right after it. Whatever the reader does in between is applied once they are in, not lost.

const SLICE = 37;
/** Only the tools chunk holds the name of the tools' drag event. */
const TOOLS_CHUNK_MARK = 'CORNERSTONE_TOOLS_MOUSE_DRAG';

type CtViewer = Parameters<typeof clearFindings>[0];

/** Opens the CT at SLICE by deep link, with no findings, and resolves with its stack viewport once its first image is drawn. */
async function openSlice(page: Page, ct: CtViewer) {
  await clearFindings(ct);
  await page.goto(`${ct.host.url}${viewerHash(ct.studyUid, ct.seriesUid, SLICE)}`);
  const viewport = viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  return viewport;
}

/** A W/L drag from (x, y), where the mouse is: right and down in five moves. */
async function dragWindow(page: Page, x: number, y: number): Promise<void> {
  await page.mouse.down();
  for (let step = 1; step <= 5; step++) await page.mouse.move(x + step * 20, y + step * 12);
  await page.mouse.up();
}

/** Holds the tools chunk's response until `release` is called: the test's window before the tools are in. */
async function holdToolsChunk(page: Page): Promise<{ release: () => void; held: Promise<void> }> {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let heldOne = () => undefined as void;
  const held = new Promise<void>((resolve) => (heldOne = resolve));
  await page.route(/\/assets\/esm-[^/]+\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (body.includes(TOOLS_CHUNK_MARK)) {
      heldOne();
      await released;
    }
    await route.fulfill({ response, body });
  });
  return { release, held };
}

test('a wheel notch and a W/L drag given before the tools are in are applied once, in order, when they load', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  const tools = await holdToolsChunk(page);
  const viewport = await openSlice(page, ct);
  // The first image is up while the tools' script is still held back.
  await tools.held;
  expect(await page.evaluate(() => window.__bonemetViewer!.toolsReady())).toBe(false);
  await expect(page.getByTestId('overlay-window')).toHaveText(`W ${facts.windowWidth} L ${facts.windowCenter}`);

  // One wheel notch (next slice), then a W/L drag to the right and down.
  const box = (await viewport.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.wheel(0, 120);
  await dragWindow(page, x, y);
  await page.waitForTimeout(300);
  // Nothing was applied yet, and nothing crashed: the page still says what it shows.
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE));
  await expect(page.getByTestId('overlay-window')).toHaveText(`W ${facts.windowWidth} L ${facts.windowCenter}`);
  expect(await page.evaluate(() => window.__bonemetViewer!.toolsReady())).toBe(false);

  tools.release();
  await expect.poll(() => page.evaluate(() => window.__bonemetViewer!.toolsReady()), { timeout: 30_000 }).toBe(true);
  // Exactly one slice on: the notch was neither lost nor applied twice.
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE + 1));
  expect(await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0')?.sopInstanceUid)).toBe(facts.order[SLICE]);
  // Then the drag windowed the new slice: wider to the right, the level moved with the vertical drag.
  const windowShown = async () => (/^W (-?\d+) L (-?\d+)$/.exec((await page.getByTestId('overlay-window').textContent()) ?? '') ?? []).slice(1).map(Number);
  await expect.poll(async () => (await windowShown())[0]).toBeGreaterThan(facts.windowWidth);
  expect((await windowShown())[1]).not.toBe(facts.windowCenter);

  // From now on the tools take input directly: another notch moves one more slice.
  await page.mouse.wheel(0, 120);
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE + 2));
});

/** Fails the first `failures` fetches of the tools chunk, as from a host that went away and came back; returns how many were refused. */
async function refuseToolsChunk(page: Page, failures: number): Promise<() => number> {
  let refused = 0;
  await page.route(/\/assets\/esm-[^/]+\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (!body.includes(TOOLS_CHUNK_MARK) || refused >= failures) return route.fulfill({ response, body });
    refused += 1;
    await route.abort('connectionreset');
  });
  return () => refused;
}

test('tools that fail to load are tried again, and the reader is told meanwhile and at the end', async ({ page, ct }) => {
  const refused = await refuseToolsChunk(page, Infinity);
  const viewport = await openSlice(page, ct);
  const alert = page.getByTestId('viewer-tools-error');
  await expect(alert).toContainText("The viewer's tools could not be loaded");
  await expect(alert).toContainText('scrolling, windowing and drawing do not work until they are');
  // After its retries the page stops trying and says what to do.
  await expect(alert).toContainText('Reload the viewer (Ctrl+R)', { timeout: 15_000 });
  expect(refused()).toBe(3);
  expect(await page.evaluate(() => window.__bonemetViewer!.toolsReady())).toBe(false);
  // The image stays shown.
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered');
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE));
});

test('tools that failed once load on the retry: the notice goes and the wheel given meanwhile is applied', async ({ page, ct }) => {
  const refused = await refuseToolsChunk(page, 1);
  const viewport = await openSlice(page, ct);
  const alert = page.getByTestId('viewer-tools-error');
  await expect(alert).toContainText('Trying again in 1 s.');
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 120);
  await expect.poll(() => page.evaluate(() => window.__bonemetViewer!.toolsReady()), { timeout: 15_000 }).toBe(true);
  await expect(alert).toHaveCount(0);
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE + 1));
  expect(refused()).toBe(1);
});

test('a click on a viewport whose image failed before the tools were in leaves W/L drags working in the other viewport', async ({ page, host }) => {
  // A real study with three MR series; every image of the first is refused, as from a file gone since import.
  await cliImport(host.dataDir, [path.join(SHARED_DICOM, 'pydicom/dicomdirtests/98892003')]);
  const study = (await hostRpc(host, 'studies.search', {})).find((s) => s.seriesCount === 3)!;
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study.studyInstanceUid });
  const [broken, working] = series.map((s) => s.seriesInstanceUid);
  const refused = new Set((await hostRpc(host, 'series.instances', { seriesInstanceUid: broken! })).map((i) => String(i.id)));
  await page.route(/\/instances\/(\d+)(\?|$)/, (route) => (refused.has(/\/instances\/(\d+)/.exec(route.request().url())![1]!) ? route.abort('failed') : route.continue()));
  const tools = await holdToolsChunk(page);
  await page.goto(`${host.url}${viewerHash(study.studyInstanceUid, broken!)}`);
  const failed = viewportLocator(page, { seriesUid: broken });
  expect(await settledStatus(failed)).toBe('error');
  await tools.held;

  // The reader clicks the failed viewport (to make it active) while the tools load.
  const failedBox = (await failed.boundingBox())!;
  await page.mouse.click(failedBox.x + failedBox.width / 2, failedBox.y + failedBox.height / 2);
  tools.release();
  await expect.poll(() => page.evaluate(() => window.__bonemetViewer!.toolsReady()), { timeout: 30_000 }).toBe(true);

  // A second viewport with the next series: a W/L drag in it changes its window.
  await page.getByTestId('layout-1x2').click();
  const other = viewportLocator(page, { seriesUid: working });
  expect(await settledStatus(other)).toBe('rendered');
  const windowText = page.getByTestId('viewport-pane').nth(1).getByTestId('overlay-window');
  const before = await windowText.textContent();
  const box = (await other.boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await dragWindow(page, x, y);
  await expect(windowText).not.toHaveText(before ?? '');
});

test('tools loaded by a key after the retries gave up take the failure notice away', async ({ page, ct }) => {
  const refused = await refuseToolsChunk(page, 3);
  await openSlice(page, ct);
  const alert = page.getByTestId('viewer-tools-error');
  await expect(alert).toContainText('Reload the viewer (Ctrl+R)', { timeout: 15_000 });
  expect(refused()).toBe(3);
  // Cine (K) needs the tools: they are asked for again, and this time they load.
  await page.keyboard.press('k');
  await expect.poll(() => page.evaluate(() => window.__bonemetViewer!.toolsReady()), { timeout: 15_000 }).toBe(true);
  await expect(alert).toHaveCount(0);
});

test('a length begun while the tools load, the button still down as they arrive, goes on with the drag and is measured', async ({ page, ct }) => {
  const tools = await holdToolsChunk(page);
  const viewport = await openSlice(page, ct);
  await tools.held;
  await page.keyboard.press('l');
  const box = (await viewport.boundingBox())!;
  const start = { x: box.x + box.width / 2 - 40, y: box.y + box.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y);
  tools.release();
  await expect.poll(() => page.evaluate(() => window.__bonemetViewer!.toolsReady()), { timeout: 30_000 }).toBe(true);
  // The move held before the tools came is the drag's first: the page's seam (what drawing helpers
  // and the benchmarks wait on) saw the tools take it, as a hand's next move waits on nothing.
  await expect.poll(async () => Math.abs(((await page.evaluate(() => window.__bonemetViewer!.lastDrag()?.x)) ?? -1e9) - (start.x + 10)), { timeout: 5_000 }).toBeLessThan(1);
  // The rest of the drag, then the release: one length, about 80 CSS pixels long.
  await dragWithMouse(page, [{ x: start.x + 10, y: start.y }, { x: start.x + 80, y: start.y }]);
  await expect.poll(() => page.evaluate(() => window.__bonemetViewer!.annotations().length)).toBe(1);
  const [length] = await page.evaluate(() => window.__bonemetViewer!.annotations());
  expect(length!.toolName).toBe('Length');
  expect(Number(length!.stats.length)).toBeGreaterThan(0);
});
