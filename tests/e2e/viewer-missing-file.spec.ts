import fs from 'node:fs';
import path from 'node:path';
import { expect, SHARED_DICOM, test, type BrowserHost } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A file removed after import (a USB stick pulled, a folder tidied): the viewer says so and what
// to do, instead of a blank viewport or a dead host.

/** A copy of CT_small.dcm in a folder of its own, imported: its file, folder, study and series. */
async function importedCopy(host: BrowserHost, prefix: string) {
  const folder = fs.mkdtempSync(path.join(host.dataDir, prefix));
  const file = path.join(folder, 'CT_small.dcm');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), file);
  await cliImport(host.dataDir, [file]);
  const [study] = await hostRpc(host, 'studies.search', {});
  if (!study) throw new Error('the import indexed no study');
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study.studyInstanceUid });
  return { folder, file, study, series };
}

test('an image whose file is gone since import says so in its viewport, and the app goes on', async ({ page, host }) => {
  const { folder, file, study, series } = await importedCopy(host, 'moved-');
  fs.rmSync(file);

  await page.goto(`${host.url}${viewerHash(study.studyInstanceUid, series[0]!.seriesInstanceUid)}`);
  const viewport = viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid });
  expect(await settledStatus(viewport)).toBe('error');
  await expect(page.getByTestId('viewport-error')).toContainText(/was moved, deleted or cannot be read since it was imported: import its folder again/);

  // Put back, it is a file written after the import (another modification time): not the file
  // that was imported, so the viewer says so and names the remedy.
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), file);
  await page.reload();
  expect(await settledStatus(viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid }))).toBe('error');
  await expect(page.getByTestId('viewport-error')).toContainText(/changed since import: import its folder again/);

  // Imported again, it shows: nothing about the study was lost.
  await cliImport(host.dataDir, [folder]);
  await page.reload();
  expect(await settledStatus(viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid }))).toBe('rendered');
});

// A symbolic link put where an imported file was (to this very file's copy, same size and time):
// never followed, whatever it points at.
test('an image whose file was replaced by a symbolic link is refused with the remedy', async ({ page, host }) => {
  const { file, study, series } = await importedCopy(host, 'linked-');
  const elsewhere = path.join(host.dataDir, 'elsewhere.dcm');
  fs.renameSync(file, elsewhere);
  fs.symlinkSync(elsewhere, file);

  await page.goto(`${host.url}${viewerHash(study.studyInstanceUid, series[0]!.seriesInstanceUid)}`);
  expect(await settledStatus(viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid }))).toBe('error');
  await expect(page.getByTestId('viewport-error')).toContainText(/changed since import \(it is now a symbolic link, which is never served\): import its folder again/);
});

// The study page's and the viewer strip's thumbnails say why an image is not shown in the words
// its viewport uses, never "[object Object]" or a bare HTTP status.
test('a thumbnail whose file is truncated, or gone since import, gives the reason its viewport gives', async ({ page, host }) => {
  const truncated = await importedCopy(host, 'truncated-');
  const bytes = fs.readFileSync(truncated.file);
  // Cut inside Pixel Data: the header indexes, the image cannot be read.
  fs.writeFileSync(truncated.file, bytes.subarray(0, bytes.length - 20_000));
  await cliImport(host.dataDir, [truncated.file]);

  await page.goto(`${host.url}#/study/${truncated.study.studyInstanceUid}`);
  const thumbnail = page.getByTestId('series-thumbnail');
  await expect(thumbnail).toHaveAttribute('data-thumbnail-status', 'error');
  await expect(thumbnail).toContainText('The file ends before its data does (truncated or damaged)');
  await expect(thumbnail).not.toContainText('[object Object]');

  fs.rmSync(truncated.file);
  await page.reload();
  await expect(thumbnail).toHaveAttribute('data-thumbnail-status', 'error');
  await expect(thumbnail).toContainText(/was moved, deleted or cannot be read since it was imported: import its folder again/);
});
