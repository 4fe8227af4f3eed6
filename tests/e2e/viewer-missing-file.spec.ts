import fs from 'node:fs';
import path from 'node:path';
import { expect, SHARED_DICOM, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A file removed after import (a USB stick pulled, a folder tidied): the viewer says so and what
// to do, instead of a blank viewport or a dead host.
test('an image whose file is gone since import says so in its viewport, and the app goes on', async ({ page, host }) => {
  const folder = fs.mkdtempSync(path.join(host.dataDir, 'moved-'));
  const file = path.join(folder, 'CT_small.dcm');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), file);
  await cliImport(host.dataDir, [file]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  fs.rmSync(file);

  await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, series[0]!.seriesInstanceUid)}`);
  const viewport = viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid });
  expect(await settledStatus(viewport)).toBe('error');
  await expect(page.getByTestId('viewport-error')).toContainText(/was moved, deleted or cannot be read since it was imported: import its folder again/);

  // Put back, it shows again: nothing about the study was lost.
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', 'CT_small.dcm'), file);
  await page.reload();
  expect(await settledStatus(viewportLocator(page, { seriesUid: series[0]!.seriesInstanceUid }))).toBe('rendered');
});
