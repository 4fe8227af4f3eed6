import fs from 'node:fs';
import path from 'node:path';
import { writeCylinderPhantom } from '../support/cylinder-phantom-script';
import { temporaryFolder } from '../support/paths';
import { openFolderInViewer } from './fixtures/ct-viewer';
import { expect, test } from './fixtures/host';
import { pixelsOnWholeClientPoints, settledStatus, viewportLocator } from './fixtures/viewer';

// CT series as scanners write them (tests/support/cylinder-bone-phantom.py), read and reformatted.

let folder: string;
test.beforeEach(() => {
  folder = temporaryFolder('scanner-geometry');
});
test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const SMALL = { rows: 64, columns: 64, lesion: null, supersampling: 1 };

test('reformats a 0.625 mm series whose positions were written with one decimal, every slice within 0.05 mm of where it was scanned', async ({ page, host }) => {
  const truth = writeCylinderPhantom({ ...SMALL, sliceSpacing: 0.625, sliceCount: 22, positionDecimals: 1, centre: [0, 0, 400.865], uidRoot: '2.25.70701' }, path.join(folder, 'one-decimal'));
  const { seriesUid, viewport } = await openFolderInViewer(page, host, path.join(folder, 'one-decimal'));
  await expect(viewport).toHaveAttribute('data-slice-count', '22');
  await expect(page.getByTestId('geometry-warnings')).toHaveCount(0);
  await expect(page.getByTestId('layout-mpr')).toBeEnabled();
  await page.keyboard.press('m');
  const axial = viewportLocator(page, { seriesUid, orientation: 'axial' });
  expect(await settledStatus(axial)).toBe('rendered');
  await expect(axial).toHaveAttribute('data-slice-count', '22');
  const grid = (await page.evaluate(() => window.__bonemetViewer!.volumeGrid('mpr-axial')))!;
  expect(grid.dimensions[2]).toBe(22);
  // Slice k of the volume lies at origin + k x spacing along its third direction.
  const placed = Array.from({ length: 22 }, (_, k) => grid.origin[2]! + k * grid.spacing[2]! * grid.direction[8]!).sort((a, b) => a - b);
  const scanned = truth.slices.map((s) => s.position[2]!).sort((a, b) => a - b);
  const worst = Math.max(...placed.map((z, k) => Math.abs(z - scanned[k]!)));
  expect(worst).toBeLessThanOrEqual(0.051);
});

test('reads and reformats an axial series holding a sagittal localiser, naming the localiser left out', async ({ page, host }) => {
  writeCylinderPhantom({ ...SMALL, sliceCount: 12, localizer: true, uidRoot: '2.25.70702' }, path.join(folder, 'localiser'));
  const { seriesUid, viewport } = await openFolderInViewer(page, host, path.join(folder, 'localiser'));
  expect(await settledStatus(viewport)).toBe('rendered');
  await expect(viewport).toHaveAttribute('data-slice-count', '12');
  await expect(page.getByTestId('geometry-warnings')).toContainText('Left out of the stack, as a localiser: image 1 (sagittal); the stack is the 12 axial images.');
  await expect(page.getByTestId('layout-mpr')).toBeEnabled();
  await page.keyboard.press('m');
  for (const orientation of ['axial', 'sagittal', 'coronal']) {
    expect(await settledStatus(viewportLocator(page, { seriesUid, orientation }))).toBe('rendered');
  }
  await expect(viewportLocator(page, { seriesUid, orientation: 'axial' })).toHaveAttribute('data-slice-count', '12');
});

test('shows the spacing of a series with one uneven step (0.5 mm off) as a warning and offers no reformat', async ({ page, host }) => {
  // 2 mm slices, the fifth 0.5 mm off its place: a real uneven step, not rounding.
  const sliceOffsets = Array.from({ length: 10 }, (_, k) => k * 2 + (k === 4 ? 0.5 : 0));
  writeCylinderPhantom({ ...SMALL, sliceOffsets, uidRoot: '2.25.70703' }, path.join(folder, 'uneven'));
  const { viewport } = await openFolderInViewer(page, host, path.join(folder, 'uneven'));
  expect(await settledStatus(viewport)).toBe('rendered');
  await expect(viewport).toHaveAttribute('data-slice-count', '10');
  await expect(page.getByTestId('geometry-warnings')).toContainText('Slice spacing varies from 1.50 to 2.50 mm');
  const mpr = page.getByTestId('layout-mpr');
  await expect(mpr).toBeDisabled();
  await expect(mpr).toHaveAttribute('title', /^No reformat: Slice spacing varies/);
  await page.keyboard.press('m');
  await expect(page.getByTestId('info-message')).toContainText('No reformat: Slice spacing varies');
  await expect(page.getByTestId('viewport')).toHaveCount(1);
});

for (const [name, spec] of [
  ['12 bits stored at the bottom of 16, unsigned', { bitsStored: 12 }],
  ['12 bits stored ending at bit 15, unsigned', { bitsStored: 12, highBit: 15 }],
  ['12 bits stored ending at bit 15, signed', { bitsStored: 12, highBit: 15, signed: true }],
] as const) {
  test(`reads the HU of the stored value, not the word, under the mouse: ${name}, every other bit set in the top-left quarter`, async ({ page, host }) => {
    // 64 x 64 pixels of 2.5 mm: air beyond 45 mm of the bone's axis (the grid's centre), marrow within 6.5 mm of it;
    // a pixel is about ten client pixels wide, so the pointer at a whole client point near its centre is on it.
    writeCylinderPhantom({ ...SMALL, pixelSpacing: [2.5, 2.5], sliceCount: 3, uidRoot: '2.25.70704', ...spec }, path.join(folder, 'stored-bits'));
    const { viewport } = await openFolderInViewer(page, host, path.join(folder, 'stored-bits'));
    expect(await settledStatus(viewport)).toBe('rendered');
    const [air] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [2, 12], rows: [2, 12] }, 1);
    const [marrow] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [31, 32], rows: [31, 32] }, 1);
    for (const [pixel, hu] of [[air!, -1000], [marrow!, 20]] as const) {
      await page.mouse.move(pixel.x, pixel.y);
      await expect(page.getByTestId('overlay-pixel')).toHaveText(`X ${pixel.column} Y ${pixel.row} · ${hu} HU`);
    }
  });
}

test('calls the values of a CT whose rescale is the identity (slope 1, intercept 0, signed samples) HU', async ({ page, host }) => {
  writeCylinderPhantom({ ...SMALL, pixelSpacing: [2.5, 2.5], sliceCount: 3, signed: true, intercept: 0, uidRoot: '2.25.70705' }, path.join(folder, 'identity-rescale'));
  const { viewport } = await openFolderInViewer(page, host, path.join(folder, 'identity-rescale'));
  expect(await settledStatus(viewport)).toBe('rendered');
  const [air] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [2, 12], rows: [2, 12] }, 1);
  await page.mouse.move(air!.x, air!.y);
  await expect(page.getByTestId('overlay-pixel')).toHaveText(`X ${air!.column} Y ${air!.row} · -1000 HU`);
});
