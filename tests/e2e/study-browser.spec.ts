import fs from 'node:fs';
import path from 'node:path';
import { canvasStats } from './fixtures/canvas';
import { expect, SHARED_DICOM, test } from './fixtures/host';

const CT_FOLDER = 'ct-series-lidc-idri-0314-chest';
const CT_NON_DICOM = ['LICENSE-FNNDSC-data-Apache-2.0.txt', 'README-FNNDSC-data.md', 'SOURCE.md'];

test('imports a CT folder through the folder browser, finds the patient and renders its thumbnail', async ({ page, host }) => {
  // The folder really holds 72 DICOM files and these three text files, so the expected report is the truth.
  const names = fs.readdirSync(path.join(SHARED_DICOM, CT_FOLDER));
  expect(names.filter((name) => name.endsWith('.dcm'))).toHaveLength(72);
  expect(names.filter((name) => !name.endsWith('.dcm')).sort()).toEqual([...CT_NON_DICOM].sort());

  await page.goto(host.url);
  await expect(page.getByTestId('welcome-panel')).toBeVisible();

  await page.getByTestId('welcome-import-folder').click();
  const browser = page.getByTestId('folder-browser');
  await expect(browser).toBeVisible();
  await browser.getByRole('button', { name: host.roots[0]!, exact: true }).click();
  await expect(browser.getByTestId('folder-current-path')).toHaveText(host.roots[0]!);
  await browser.getByTestId('folder-entry').filter({ hasText: CT_FOLDER }).click();
  await expect(browser.getByTestId('folder-current-path')).toHaveText(path.join(host.roots[0]!, CT_FOLDER));
  await expect(browser.getByTestId('folder-entry').filter({ hasText: '000002.dcm' })).toBeVisible();
  await browser.getByTestId('import-this-folder').click();
  await expect(browser).toBeHidden();

  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(report.getByTestId('report-files-seen')).toHaveText('75');
  await expect(report.getByTestId('report-indexed')).toHaveText('72');
  await expect(report.getByTestId('report-not-indexed')).toHaveText('3');
  const notIndexed = report.getByTestId('not-indexed-row');
  await expect(notIndexed).toHaveCount(3);
  const listed = (await report.getByTestId('not-indexed-path').allTextContents()).map((p) => path.basename(p)).sort();
  expect(listed).toEqual([...CT_NON_DICOM].sort());
  for (const reason of await report.getByTestId('not-indexed-reason').allTextContents()) expect(reason.trim()).not.toBe('');
  await expect(page.getByTestId('error-message')).toHaveCount(0);

  // The index is no longer empty: the study browser replaces the welcome panel.
  await expect(page.getByTestId('welcome-panel')).toBeHidden();
  const search = page.getByTestId('search-input');
  await page.keyboard.press('/');
  await expect(search).toBeFocused();

  await search.fill('no-such-patient-anywhere');
  await expect(page.getByTestId('study-count')).toHaveText('0 studies');
  await expect(page.getByTestId('study-row')).toHaveCount(0);

  await search.fill('LIDC-IDRI-0314');
  const row = page.getByTestId('study-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('study-patient-id')).toHaveText('LIDC-IDRI-0314');
  await expect(row.getByTestId('study-patient-name')).toHaveText('(no name)');
  await expect(row.getByTestId('study-modalities')).toHaveText('CT');
  await expect(row.getByTestId('study-series-count')).toHaveText('1');
  await expect(row.getByTestId('study-instance-count')).toHaveText('72');

  await row.click();
  await expect(page).toHaveURL(/#\/study\/[0-9.]+$/);
  const cards = page.getByTestId('series-card');
  await expect(cards).toHaveCount(1);
  await expect(cards.getByTestId('series-modality')).toHaveText('CT');
  await expect(cards.getByTestId('series-instance-count')).toHaveText('72 instances');
  const thumbnail = cards.getByTestId('series-thumbnail');
  await expect(thumbnail).toHaveAttribute('data-thumbnail-status', 'rendered', { timeout: 60_000 });

  const stats = await canvasStats(thumbnail.locator('canvas'));
  expect(stats.width).toBeGreaterThan(0);
  expect(stats.std).toBeGreaterThan(10);
  expect(stats.distinctLevels).toBeGreaterThan(32);

  if (process.env.BONEMET_SCREENSHOT) await page.screenshot({ path: process.env.BONEMET_SCREENSHOT });
});

test('imports chosen files through the upload path and reports the one that is not DICOM', async ({ page, host }) => {
  const files = ['CT_small.dcm', 'MR_small.dcm', 'README-pydicom-test_files.txt'].map((name) => path.join(SHARED_DICOM, 'pydicom', name));

  await page.goto(host.url);
  await expect(page.getByTestId('welcome-panel')).toBeVisible();
  // The same code path as a drop in browser mode: each file is POSTed to /uploads, then import.start.
  await page.getByTestId('file-input').setInputFiles(files);

  const report = page.getByTestId('import-report');
  await expect(report).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(report.getByTestId('report-files-seen')).toHaveText('3');
  await expect(report.getByTestId('report-indexed')).toHaveText('2');
  await expect(report.getByTestId('report-not-indexed')).toHaveText('1');
  const notIndexed = report.getByTestId('not-indexed-row');
  await expect(notIndexed).toHaveCount(1);
  await expect(notIndexed.getByTestId('not-indexed-path')).toHaveText('README-pydicom-test_files.txt');
  expect((await notIndexed.getByTestId('not-indexed-reason').textContent())?.trim()).not.toBe('');

  // Two studies, names shown from DICOM PN "FAMILY^GIVEN" as "FAMILY, GIVEN".
  await expect(page.getByTestId('welcome-panel')).toBeHidden();
  await expect(page.getByTestId('study-row')).toHaveCount(2);
  const rows = await page.getByTestId('study-row').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('[data-testid="study-patient-name"]')?.textContent, tr.querySelector('[data-testid="study-modalities"]')?.textContent].join(' | ')),
  );
  expect(rows.sort()).toEqual(['CompressedSamples, CT1 | CT', 'CompressedSamples, MR1 | MR']);

  // The import history lists this import.
  await page.getByTestId('import-history-open').click();
  const history = page.getByTestId('import-history');
  await expect(history.getByTestId('import-history-row')).toHaveCount(1);
  await expect(history.getByTestId('import-history-row')).toContainText('uploaded files');
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Remove from index asks first, then the study leaves the list.
  await page.getByTestId('study-row').filter({ hasText: 'MR1' }).click();
  await page.getByTestId('remove-study').click();
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('confirm-dialog')).toBeHidden();
  await page.getByTestId('remove-study').click();
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('info-message')).toContainText('Removed 1 instance');
  await expect(page.getByTestId('study-row')).toHaveCount(1);
  await expect(page.getByTestId('study-row').getByTestId('study-modalities')).toHaveText('CT');
  await expect(page.getByTestId('error-message')).toHaveCount(0);

  // A failing call shows its message until dismissed.
  await page.goto(`${new URL(host.url).origin}/#/study/1.2.3.4`);
  const error = page.getByTestId('error-message');
  await expect(error).toContainText('1.2.3.4 is not in the index');
  await error.getByTestId('dismiss-message').click();
  await expect(error).toHaveCount(0);
});
