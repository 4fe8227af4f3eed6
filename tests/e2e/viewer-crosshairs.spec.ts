import type { Page } from '@playwright/test';
import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { settledStatus, viewportLocator } from './fixtures/viewer';

/** Where a viewport's camera looks (focal point, world mm), through the automation seam. */
async function focalPoint(page: Page, viewportId: string): Promise<number[]> {
  const camera = await page.evaluate((id) => window.__bonemetViewer!.camera(id), viewportId);
  if (!camera) throw new Error(`viewport ${viewportId} has no camera`);
  return camera.focalPoint;
}

// The chest CT's 72 axial slices lie from z = -571.8 to -500.8 mm; in the sagittal reformat they fill
// a band 71 mm tall across the middle of the viewport, with empty space above and below it.
const TOP_Z = -500.8;
const BOTTOM_Z = -571.8;

test('a crosshair click outside the volume in the sagittal reformat keeps the axial plane on a slice of the series', async ({ page, ct }) => {
  const { seriesUid } = await openCt(page, ct, 36);
  await page.keyboard.press('m');
  const axial = viewportLocator(page, { seriesUid, orientation: 'axial' });
  const sagittal = viewportLocator(page, { seriesUid, orientation: 'sagittal' });
  for (const plane of [axial, sagittal]) expect(await settledStatus(plane)).toBe('rendered');
  await expect(axial).toHaveAttribute('data-slice-count', '72');
  await page.keyboard.press('c');
  await expect(page.getByTestId('tool-Crosshairs')).toHaveAttribute('aria-pressed', 'true');

  // A click inside the volume moves the axial plane there: the tool works. (Each click keeps off the
  // reference lines drawn so far, which the tool would grab instead of jumping.)
  const box = (await sagittal.boundingBox())!;
  const before = (await focalPoint(page, 'mpr-axial'))[2]!;
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height / 2 - 15);
  await expect.poll(async () => (await focalPoint(page, 'mpr-axial'))[2]).toBeGreaterThan(before + 5);
  expect((await focalPoint(page, 'mpr-axial'))[2]).toBeLessThan(TOP_Z);
  const inside = Number(await axial.getAttribute('data-slice-index'));
  expect(inside).toBeGreaterThan(1);
  expect(inside).toBeLessThan(72);

  // A click in the empty space above the band, far above the first slice.
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.2);
  await expect.poll(async () => (await focalPoint(page, 'mpr-axial'))[2], { timeout: 5_000 }).toBeGreaterThan(TOP_Z - 0.5);
  const z = (await focalPoint(page, 'mpr-axial'))[2]!;
  expect(z).toBeLessThanOrEqual(TOP_Z + 0.5);
  expect(z).toBeGreaterThanOrEqual(BOTTOM_Z - 0.5);
  const shown = Number(await axial.getAttribute('data-slice-index'));
  expect([1, 72]).toContain(shown);
  // The axial plane still shows the image of that slice, not an empty plane past the stack.
  await expect(axial).toHaveAttribute('data-viewport-status', 'rendered');
});
