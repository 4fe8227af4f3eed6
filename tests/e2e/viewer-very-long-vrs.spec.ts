import fs from 'node:fs';
import { temporaryFolder } from '../support/paths';
import { writeVeryLongVrFiles } from '../support/very-long-vrs';
import { cliImport, hostRpc } from './fixtures/host-api';
import { expect, test } from './fixtures/host';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// Files with SV, UV or OV elements (4-byte lengths): the import refused them as truncated, and
// Cornerstone's loader, parsing with the same dicom-parser, could not have read them either.

let folder: string;
test.beforeEach(() => {
  folder = temporaryFolder('very-long-vrs');
});
test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

test('a CT with private SV, UV and OV elements (little and big endian), and an RLE CT with an Extended Offset Table, are imported and shown', async ({ page, host }) => {
  const files = writeVeryLongVrFiles(folder, '2.25.90417733081522');
  const report = await cliImport(host.dataDir, [folder]);
  expect(report.indexed).toBe(3);
  const [study] = await hostRpc(host, 'studies.search', {});
  for (const file of files) {
    await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, file.seriesInstanceUid)}`);
    const viewport = viewportLocator(page, { seriesUid: file.seriesInstanceUid, orientation: 'stack' });
    expect(await settledStatus(viewport), (await viewport.getAttribute('data-viewport-error')) ?? '').toBe('rendered');
    const shown = await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0'));
    expect(shown?.sopInstanceUid).toBe(file.sopInstanceUid);
    // Every pixel decoded as pydicom decodes it: the loader found the Pixel Data where it is.
    const decoded = await page.evaluate(() => window.__bonemetViewer!.storedRange('vp-0'));
    expect(`${decoded.min}..${decoded.max}`).toBe(`${file.storedMin}..${file.storedMax}`);
  }
});
