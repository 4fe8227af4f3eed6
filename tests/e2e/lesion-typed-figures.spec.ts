import { CT_FOLDER } from './fixtures/ct-viewer';
import { expect, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { viewerHash } from './fixtures/viewer';

// The lesion form's measured fields show the figure the scores read: a typed 30.004 mm is not shown
// as "30" beside "axial 30.004 mm > 30 mm", and a negative length typed by mistake is refused with
// the reason, never saved as 0 mm (which would read as no cortical involvement at all).

test('typed lengths are shown as typed, a threshold never rounded onto, and a negative one is refused, not taken as 0', async ({ page, host }) => {
  await cliImport(host.dataDir, [CT_FOLDER]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, series[0]!.seriesInstanceUid, 30)}`);

  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  await expect(page.getByTestId('lesion-laterality')).toHaveValue('left');

  const axial = page.getByTestId('input-axialInvolvementMm');
  await axial.fill('30.004');
  await expect(page.getByTestId('score-van-der-linden')).toContainText('30.004 mm > 30 mm');
  await expect(axial).toHaveValue('30.004');
  const largest = page.getByTestId('input-largestDimensionMm');
  await largest.fill('24.999');
  await expect(largest).toHaveValue('24.999');
  // Typed key by key, "25.0" on the way to "25.05" is left as typed.
  await largest.fill('');
  await largest.pressSequentially('25.05');
  await expect(largest).toHaveValue('25.05');

  // A typo: minus 35 mm. The form says what is wrong and does not save it as 0 mm.
  await largest.fill('-35');
  await expect(page.getByTestId('lesion-problem')).toContainText('largestDimensionMm');
  await expect(page.getByTestId('lesion-save')).toBeDisabled();
  await largest.fill('35');
  await expect(page.getByTestId('lesion-problem')).toHaveCount(0);
  await page.getByTestId('lesion-save').click();
  await expect.poll(async () => (await hostRpc(host, 'lesions.list', { studyInstanceUid: study!.studyInstanceUid })).map((l) => [l.lesion.axialInvolvementMm?.value, l.lesion.largestDimensionMm?.value])).toEqual([[30.004, 35]]);
});
