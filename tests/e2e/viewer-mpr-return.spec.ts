import { importTwoCtSeries } from './fixtures/ct-viewer';
import { expect, test } from './fixtures/host';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A reader comparing two series side by side reformats the one on the right (M) and comes back (M):
// the layout they had, with that series where it was and still the one keys act on, not the first
// series alone in a 1×1.
test('leaving the reformat of the right-hand series of a 1×2 comes back to the 1×2, on that series', async ({ page, host }) => {
  // The chest CT and a second reconstruction of it in the same study.
  const { studyUid, left, right } = await importTwoCtSeries(host, '1.2.826.0.1.3680043.8.498.4242');

  await page.goto(`${host.url}${viewerHash(studyUid, left)}`);
  expect(await settledStatus(viewportLocator(page, { seriesUid: left, orientation: 'stack' }))).toBe('rendered');
  await page.getByTestId('layout-1x2').click();
  const rightStack = viewportLocator(page, { seriesUid: right, orientation: 'stack' });
  expect(await settledStatus(rightStack)).toBe('rendered');
  await rightStack.click();
  await expect(page.getByTestId('viewport-pane').nth(1)).toHaveClass(/active/);

  await page.keyboard.press('m');
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('aria-pressed', 'true');
  expect(await settledStatus(viewportLocator(page, { seriesUid: right, orientation: 'sagittal' }))).toBe('rendered');

  await page.keyboard.press('m');
  await expect(page.getByTestId('layout-1x2')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('viewport')).toHaveCount(2);
  expect(await settledStatus(viewportLocator(page, { seriesUid: right, orientation: 'stack' }))).toBe('rendered');
  await expect(page.getByTestId('viewport-pane').nth(1)).toHaveClass(/active/);

  // The toolbar's MPR button comes back the same way.
  await page.getByTestId('layout-mpr').click();
  expect(await settledStatus(viewportLocator(page, { seriesUid: right, orientation: 'coronal' }))).toBe('rendered');
  await page.getByTestId('layout-mpr').click();
  await expect(page.getByTestId('layout-1x2')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('viewport-pane').nth(1)).toHaveClass(/active/);
});
