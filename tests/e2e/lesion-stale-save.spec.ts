import { makeLesion, typed } from '../support/lesion-fixtures';
import { openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';

const ID = 'e2e00000-0000-4000-8000-0000000000d1';

// A lesion form opened before another door (the CLI, another window) saved the same lesion used to
// overwrite that change when saved: the second save silently won. The save is refused now, the form
// says who saved it and when, keeps what the reader typed, and offers the version stored now.
test('saving a lesion form opened before the lesion was saved elsewhere is refused, the typing kept, nothing overwritten', async ({ page, ct }) => {
  await openCt(page, ct, 10);
  const now = new Date().toISOString();
  const lesion = makeLesion({ id: ID, trackingUid: '2.25.7799', studyInstanceUid: ct.studyUid, seriesInstanceUid: ct.seriesUid, reader: 'E2E', nature: 'lytic', largestDimensionMm: typed(22), createdAt: now, updatedAt: now });
  await hostRpc(ct.host, 'lesions.save', { lesion });
  await page.reload();
  const item = page.locator(`[data-testid="lesion-item"][data-lesion-id="${ID}"]`);
  await item.getByRole('button').click();
  await expect(item).toHaveAttribute('data-selected', 'true');
  const size = page.getByTestId('input-largestDimensionMm');
  await expect(size).toHaveValue('22');
  await size.fill('38');

  // Meanwhile another door saves the lesion, as read now (through the contract, as the CLI does).
  const read = await hostRpc(ct.host, 'lesions.get', { id: ID });
  await hostRpc(ct.host, 'lesions.save', { lesion: { ...read.lesion, largestDimensionMm: typed(50), note: 'measured again elsewhere', updatedAt: new Date().toISOString() }, revision: read.revision });

  await page.getByTestId('lesion-save').click();
  const stale = page.getByTestId('lesion-stale');
  await expect(stale).toBeVisible();
  await expect(page.getByTestId('lesion-stale-message')).toContainText('was saved again by E2E');
  await expect(size).toHaveValue('38');
  const stored = await hostRpc(ct.host, 'lesions.get', { id: ID });
  expect({ size: stored.lesion.largestDimensionMm?.value, note: stored.lesion.note, revision: stored.revision }).toEqual({ size: 50, note: 'measured again elsewhere', revision: read.revision + 1 });

  // Loading the current version drops the typing for what is stored; saved from it, the change goes in.
  await page.getByTestId('lesion-stale-load').click();
  await expect(stale).toHaveCount(0);
  await expect(size).toHaveValue('50');
  await size.fill('39');
  await page.getByTestId('lesion-save').click();
  await expect.poll(async () => (await hostRpc(ct.host, 'lesions.get', { id: ID })).lesion).toMatchObject({ largestDimensionMm: { value: 39 }, note: 'measured again elsewhere' });
  await expect(stale).toHaveCount(0);
});
