import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { drawLength } from './fixtures/viewer';

test('a lesion whose size was measured on a drawing the reader then deletes says its drawing is gone, until the deletion is undone, and after a reload', async ({ page, ct }) => {
  const { viewport, studyUid } = await openCt(page, ct, 30);
  await drawLength(page, viewport);
  const items = page.getByTestId('measurement');
  await expect(items).toHaveCount(1);
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('right rib 5');
  await page.getByTestId('bone-search').press('Enter');
  await items.getByRole('button').click();
  await page.getByTestId('link-largestDimensionMm').click();
  await page.getByTestId('lesion-save').click();
  const provenance = page.getByTestId('provenance-largestDimensionMm');
  await expect(provenance).toHaveText('measured');
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: studyUid }))[0]?.lesionId ?? null).not.toBeNull();
  const [drawn] = await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: studyUid });

  // The reader deletes the Length: the lesion keeps the figure, and says the drawing behind it is gone.
  await page.keyboard.press('w');
  await items.getByRole('button').click();
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(0);
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: studyUid })).length).toBe(0);
  await expect(provenance).toHaveText('measured, drawing gone');
  await expect(provenance).toHaveAttribute('title', /no longer stored/);
  const [lesion] = await hostRpc(ct.host, 'lesions.list', { studyInstanceUid: studyUid });
  expect(lesion!.lesion.largestDimensionMm?.provenance).toEqual({ source: 'annotation', annotationId: drawn!.id });

  // Undone on the image: the drawing is back, stored under its id, and the note goes.
  await viewport.click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(1);
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: studyUid })).map((a) => a.id)).toEqual([drawn!.id]);
  await expect(provenance).toHaveText('measured');

  // Deleted again, it reads so after a reload too, from the store.
  await items.getByRole('button').click();
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: studyUid })).length).toBe(0);
  await page.reload();
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await page.getByTestId('lesion-item').first().click();
  await expect(provenance).toHaveText('measured, drawing gone');
});
