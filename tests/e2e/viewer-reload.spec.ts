import { makeLesion, typed } from '../support/lesion-fixtures';
import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { settledStatus, viewportLocator } from './fixtures/viewer';

const LESION_ID = 'e2e00000-0000-4000-8000-0000000000b1';

// A reload (F5, Ctrl+R, the desktop app's View > Reload) puts the reader back where they were: the
// slice they had scrolled to (not the link's), the window they chose, the tool in hand and the
// lesion open in the panel.
test('a reload keeps the slice, the window, the tool and the selected lesion the reader had', async ({ page, ct }) => {
  const { viewport } = await openCt(page, ct, 20);
  const now = new Date().toISOString();
  await hostRpc(ct.host, 'lesions.save', {
    lesion: makeLesion({ id: LESION_ID, studyInstanceUid: ct.studyUid, seriesInstanceUid: ct.seriesUid, reader: 'E2E', nature: 'lytic', largestDimensionMm: typed(22), createdAt: now, updatedAt: now }),
  });
  await page.reload();
  expect(await settledStatus(viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' }))).toBe('rendered');

  await viewport.click();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  await expect(viewport).toHaveAttribute('data-slice-index', '25');
  await page.keyboard.press('1');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('l');
  await expect(page.getByTestId('tool-Length')).toHaveAttribute('aria-pressed', 'true');
  const item = page.locator(`[data-testid="lesion-item"][data-lesion-id="${LESION_ID}"]`);
  await item.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(item).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('lesion-save')).toBeVisible();

  await page.reload();
  const again = viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' });
  expect(await settledStatus(again)).toBe('rendered');
  await expect(again).toHaveAttribute('data-slice-index', '25');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('tool-Length')).toHaveAttribute('aria-pressed', 'true');
  await expect(item).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('lesion-save')).toBeVisible();
  // Still on slice 25: opening the lesion again showed no other slice.
  await expect(again).toHaveAttribute('data-slice-index', '25');
});
