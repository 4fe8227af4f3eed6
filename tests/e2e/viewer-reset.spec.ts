import type { Locator, Page } from '@playwright/test';
import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { settledStatus, viewportLocator } from './fixtures/viewer';

/** Zooms a viewport in with a right-button drag upwards, as the help says. */
async function zoomIn(page: Page, viewport: Locator): Promise<void> {
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down({ button: 'right' });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 80, { steps: 8 });
  await page.mouse.up({ button: 'right' });
}

test('Reset (Space) on a reformat plane undoes zoom and window but keeps the slice the reader is on, as on the stack', async ({ page, ct }) => {
  const { seriesUid, viewport: stack } = await openCt(page, ct, 20);
  const stackOverlay = stack.locator('..');
  await zoomIn(page, stack);
  await expect(stackOverlay.getByTestId('overlay-zoom')).not.toHaveText('Zoom 1.00×');
  await page.keyboard.press('1');
  await page.keyboard.press(' ');
  await expect(stackOverlay.getByTestId('overlay-zoom')).toHaveText('Zoom 1.00×');
  await expect(stack).toHaveAttribute('data-slice-index', '20');

  await page.keyboard.press('m');
  for (const [orientation, keys] of [['sagittal', ['Home', 'ArrowDown', 'ArrowDown']], ['axial', ['End', 'ArrowUp']]] as const) {
    const plane = viewportLocator(page, { seriesUid, orientation });
    expect(await settledStatus(plane)).toBe('rendered');
    await plane.click({ position: { x: 10, y: 10 } });
    for (const key of keys) await page.keyboard.press(key);
    const slice = orientation === 'sagittal' ? '3' : '71';
    await expect(plane).toHaveAttribute('data-slice-index', slice);
    const location = await plane.locator('..').getByTestId('overlay-position').textContent();
    await zoomIn(page, plane);
    await expect(plane.locator('..').getByTestId('overlay-zoom')).not.toHaveText('Zoom 1.00×');
    await page.keyboard.press(' ');
    await expect(plane.locator('..').getByTestId('overlay-zoom')).toHaveText('Zoom 1.00×');
    // Still on the slice the reader went to, not the middle of the volume.
    await expect(plane).toHaveAttribute('data-slice-index', slice);
    await expect(plane.locator('..').getByTestId('overlay-position')).toHaveText(location!);
  }
});
