import config from '../../playwright.config';
import { expect, test } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { useImportedCt } from './fixtures/phantom';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A renderer held to a small heap, as an operator holds one with `--js-flags`: Chromium then
// reports a limit of about 240 MB, of which the viewer may fill three quarters with images.
const HEAP_MB = 128;
const SLICES = 400;
const SIDE = 512;
const launchOptions = config.use!.launchOptions!;
test.use({ launchOptions: { ...launchOptions, args: [...launchOptions.args!, `--js-flags=--max-old-space-size=${HEAP_MB}`] } });

const ct = useImportedCt('memory-guard', SIDE, SLICES);

const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB`;

test('a series larger than the memory limit says so with the numbers before a reformat, and its stack still reads', async ({ page }) => {
  const [study] = await hostRpc(ct.host, 'studies.search', {});
  const { series } = await hostRpc(ct.host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const seriesUid = series[0]!.seriesInstanceUid;
  await page.goto(`${ct.host.url}${viewerHash(study!.studyInstanceUid, seriesUid)}`);
  const stack = viewportLocator(page, { seriesUid, orientation: 'stack' });
  expect(await settledStatus(stack)).toBe('rendered');

  // The limit this renderer reports, and what the series needs decoded (16-bit CT: 2 bytes a voxel).
  const limit = await page.evaluate(() => (performance as unknown as { memory: { jsHeapSizeLimit: number } }).memory.jsHeapSizeLimit);
  const budget = Math.floor(limit * 0.75);
  const needed = SIDE * SIDE * SLICES * 2;
  expect(needed, 'the series must exceed the budget for this test to mean anything').toBeGreaterThan(budget);
  const reason =
    `This series needs ${mb(needed)} in memory for a reformat (${SLICES} slices of ${SIDE} × ${SIDE} at 2 bytes per voxel), ` +
    `more than the ${mb(budget)} the viewer may hold for images here (three quarters of this window’s ${mb(limit)} limit). ` +
    'The stack can still be read slice by slice.';
  const mpr = page.getByTestId('layout-mpr');
  await expect(mpr).toBeDisabled();
  await expect(mpr).toHaveAttribute('title', `No reformat: ${reason}`);
  await page.keyboard.press('m');
  await expect(page.getByTestId('info-message').locator('.notice-text')).toHaveText(`No reformat: ${reason}`);
  await expect(page.getByTestId('viewport')).toHaveCount(1);

  // The stack reads on: slices far from the first load and show while older ones leave the cache.
  const box = (await stack.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.press('End');
  await expect(stack).toHaveAttribute('data-slice-index', String(SLICES));
  await expect(stack).toHaveAttribute('data-viewport-status', 'rendered');
  await page.keyboard.press('Home');
  await expect(stack).toHaveAttribute('data-slice-index', '1');
  await expect(stack).toHaveAttribute('data-viewport-status', 'rendered');
  expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
});
