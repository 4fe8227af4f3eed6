import fs from 'node:fs';
import path from 'node:path';
import { writeCylinderPhantom } from '../support/cylinder-phantom-script';
import { temporaryFolder } from '../support/paths';
import { importTwoCtSeries } from './fixtures/ct-viewer';
import { expect, test } from './fixtures/host';
import { cliImport } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';
import type { Page } from '@playwright/test';

const pane = (page: Page, n: number) => page.getByTestId('viewport-pane').nth(n);

// A radiologist comparing two series side by side, or reading a reformat, who reloads the page
// (F5, Ctrl+R, View > Reload) comes back to what they had: the layout, each viewport's series,
// slice and window, the viewport they worked in, and an open reformat with each plane's slice and window.
test('a reload keeps the 1×2 layout and an open reformat, with each viewport\'s series, slice and window', async ({ page, host }) => {
  const { studyUid, left, right } = await importTwoCtSeries(host, '1.2.826.0.1.3680043.8.498.5151');
  await page.goto(`${host.url}${viewerHash(studyUid, left)}`);
  expect(await settledStatus(viewportLocator(page, { seriesUid: left, orientation: 'stack' }))).toBe('rendered');
  const leftStack = viewportLocator(page, { seriesUid: left, orientation: 'stack' });
  await leftStack.click();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(leftStack).toHaveAttribute('data-slice-index', '5');
  await page.keyboard.press('3');
  await expect(page.getByTestId('preset-3')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('layout-1x2').click();
  const rightStack = viewportLocator(page, { seriesUid: right, orientation: 'stack' });
  expect(await settledStatus(rightStack)).toBe('rendered');
  await rightStack.click();
  await expect(pane(page, 1)).toHaveClass(/active/);
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await expect(rightStack).toHaveAttribute('data-slice-index', '8');
  await page.keyboard.press('1');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByTestId('layout-1x2')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('viewport')).toHaveCount(2);
  expect(await settledStatus(viewportLocator(page, { seriesUid: left, orientation: 'stack' }))).toBe('rendered');
  expect(await settledStatus(rightStack)).toBe('rendered');
  await expect(rightStack).toHaveAttribute('data-slice-index', '8');
  await expect(pane(page, 1)).toHaveClass(/active/);
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');

  // The reformat of the right-hand series, its sagittal plane moved and windowed on its own.
  await page.keyboard.press('m');
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('aria-pressed', 'true');
  const axial = viewportLocator(page, { seriesUid: right, orientation: 'axial' });
  const sagittal = viewportLocator(page, { seriesUid: right, orientation: 'sagittal' });
  expect(await settledStatus(sagittal)).toBe('rendered');
  expect(await settledStatus(axial)).toBe('rendered');
  await sagittal.click();
  await expect(pane(page, 1)).toHaveClass(/active/);
  const sagittalBefore = Number(await sagittal.getAttribute('data-slice-index'));
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
  await expect(sagittal).not.toHaveAttribute('data-slice-index', String(sagittalBefore));
  const sagittalSlice = await sagittal.getAttribute('data-slice-index');
  const axialSlice = await axial.getAttribute('data-slice-index');
  await page.keyboard.press('2');
  await expect(page.getByTestId('preset-2')).toHaveAttribute('aria-pressed', 'true');
  // The crosshairs in hand: they live in the reformat, and come back with it.
  await page.getByTestId('tool-Crosshairs').click();
  await expect(page.getByTestId('tool-Crosshairs')).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('aria-pressed', 'true');
  expect(await settledStatus(sagittal)).toBe('rendered');
  expect(await settledStatus(axial)).toBe('rendered');
  await expect(sagittal).toHaveAttribute('data-slice-index', sagittalSlice!);
  await expect(axial).toHaveAttribute('data-slice-index', axialSlice!);
  await expect(pane(page, 1)).toHaveClass(/active/);
  await expect(page.getByTestId('preset-2')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('tool-Crosshairs')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('tool-WindowLevel').click();
  // The axial plane keeps the window it had (preset 1 carried from the stack), not the sagittal's.
  await axial.click();
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');

  // M still goes back to the 1×2 it was opened from, on the right-hand series; the left-hand
  // series, hidden behind the reformat as the page was reloaded, is on its slice with its window.
  await page.keyboard.press('m');
  await expect(page.getByTestId('layout-1x2')).toHaveAttribute('aria-pressed', 'true');
  expect(await settledStatus(rightStack)).toBe('rendered');
  await expect(pane(page, 1)).toHaveClass(/active/);
  expect(await settledStatus(leftStack)).toBe('rendered');
  await expect(leftStack).toHaveAttribute('data-slice-index', '5');
  await leftStack.click();
  await expect(page.getByTestId('preset-3')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('error-message')).toHaveCount(0);
});

// What a reload kept may no longer fit: a series removed meanwhile, a reformat no longer offered (a
// gantry-tilted stack is never reformatted). The page opens on what still fits, with no error shown.
test('a kept layout that no longer fits falls back to the stacks, with no error', async ({ page, host }) => {
  const folder = temporaryFolder('reload-tilted');
  try {
    const tilt = (25 * Math.PI) / 180;
    const tilted = writeCylinderPhantom(
      {
        rows: 96, columns: 110, pixelSpacing: [0.7, 0.7], supersampling: 1, sliceCount: 28,
        rowDir: [Math.cos(tilt), 0, -Math.sin(tilt)], columnDir: [0, 1, 0], axisDirection: [0, 0, 1],
        sliceSpacing: 2.5 * Math.cos(tilt), shear: -Math.tan(tilt), uidRoot: '2.25.70832',
      },
      path.join(folder, 'tilted'),
    );
    await cliImport(host.dataDir, [path.join(folder, 'tilted')]);
    const hash = viewerHash(tilted.studyInstanceUid, tilted.seriesInstanceUid);
    await page.goto(`${host.url}${hash}`);
    const stack = viewportLocator(page, { seriesUid: tilted.seriesInstanceUid, orientation: 'stack' });
    expect(await settledStatus(stack)).toBe('rendered');
    await expect(page.getByTestId('layout-mpr')).toBeDisabled();

    // As if the page had shown the series' reformat from a 1×2 beside a series since removed.
    const kept = {
      hash,
      layout: {
        layout: 'mpr',
        slots: [tilted.seriesInstanceUid, '1.2.826.0.1.3680043.8.498.999', null, null],
        mprSeries: tilted.seriesInstanceUid,
        beforeMpr: { layout: '1x2', slot: 0 },
        activeViewportId: 'mpr-sagittal',
        planes: [{ viewportId: 'mpr-sagittal', seriesUid: tilted.seriesInstanceUid, point: [0, 0, 0], display: { window: { width: 400, center: 40 }, invert: false } }],
      },
    };
    await page.addInitScript((value) => window.sessionStorage.setItem('bonemet.viewer.layout', value), JSON.stringify(kept));
    await page.reload();

    await expect(page.getByTestId('layout-1x2')).toHaveAttribute('aria-pressed', 'true');
    expect(await settledStatus(stack)).toBe('rendered');
    await expect(page.getByTestId('viewport')).toHaveCount(1);
    await expect(page.getByTestId('viewport-empty')).toHaveCount(1);
    await expect(pane(page, 0)).toHaveClass(/active/);
    await expect(page.locator('[data-orientation="sagittal"]')).toHaveCount(0);
    await expect(page.getByTestId('viewport-error')).toHaveCount(0);
    await expect(page.getByTestId('error-message')).toHaveCount(0);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
