import { makeLesion, typed } from '../support/lesion-fixtures';
import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';

const A = 'e2e00000-0000-4000-8000-0000000000c1';
const B = 'e2e00000-0000-4000-8000-0000000000c2';

// A radiologist typing into one lesion's form who picks another lesion in the list (or "New
// lesion") is asked before the typed values are dropped, never loses them without a word.
test('picking another lesion with unsaved edits in the form asks first; keeping them keeps the typing', async ({ page, ct }) => {
  // Opened first: opening clears the shared CT's findings of earlier tests.
  await openCt(page, ct, 10);
  const now = new Date().toISOString();
  for (const [id, size] of [[A, 22], [B, 15]] as const) {
    await hostRpc(ct.host, 'lesions.save', {
      lesion: makeLesion({ id, trackingUid: `2.25.77${size}`, studyInstanceUid: ct.studyUid, seriesInstanceUid: ct.seriesUid, reader: 'E2E', nature: 'lytic', largestDimensionMm: typed(size), createdAt: now, updatedAt: now }),
    });
  }
  await page.reload();
  const item = (id: string) => page.locator(`[data-testid="lesion-item"][data-lesion-id="${id}"]`);
  const pick = async (id: string) => {
    await item(id).getByRole('button').focus();
    await page.keyboard.press('Enter');
  };
  await pick(A);
  await expect(item(A)).toHaveAttribute('data-selected', 'true');
  const size = page.getByTestId('input-largestDimensionMm');
  await expect(size).toHaveValue('22');
  await size.fill('38');

  // Another lesion: asked; keeping the edits stays on A with 38 typed.
  await pick(B);
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('not saved');
  await page.getByTestId('confirm-cancel').click();
  await expect(dialog).toHaveCount(0);
  await expect(item(A)).toHaveAttribute('data-selected', 'true');
  await expect(size).toHaveValue('38');

  // "New lesion" asks alike; dropping them opens B, and A is as stored.
  await page.getByTestId('lesion-new').click();
  await expect(dialog).toBeVisible();
  await page.getByTestId('confirm-cancel').click();
  await expect(size).toHaveValue('38');
  await pick(B);
  await page.getByTestId('confirm-ok').click();
  await expect(item(B)).toHaveAttribute('data-selected', 'true');
  await expect(size).toHaveValue('15');
  expect((await hostRpc(ct.host, 'lesions.get', { id: A })).lesion.largestDimensionMm?.value).toBe(22);

  // Nothing typed: switching asks nothing.
  await pick(A);
  await expect(item(A)).toHaveAttribute('data-selected', 'true');
  await expect(dialog).toHaveCount(0);
  await expect(size).toHaveValue('22');
});
