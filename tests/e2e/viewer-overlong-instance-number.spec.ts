import fs from 'node:fs';
import path from 'node:path';
import { pydicomScript } from '../unit/export/dicom-tools';
import { SHARED_DICOM, temporaryFolder } from '../support/paths';
import { openFolderInViewer } from './fixtures/ct-viewer';
import { expect, test } from './fixtures/host';

// An Instance Number of 20 digits (IS allows 12; no 32-bit or 64-bit integer holds it): the index
// keeps no number for it, and the viewer still shows the image and its slice.

let folder: string;
test.beforeEach(() => {
  folder = temporaryFolder('overlong-instance-number');
});
test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

test('a CT whose Instance Number has 20 digits opens and renders', async ({ page, host }) => {
  const file = path.join(folder, 'ct', 'big-is.dcm');
  fs.mkdirSync(path.dirname(file));
  pydicomScript(
    `import sys, pydicom
from pydicom.dataelem import RawDataElement
from pydicom.tag import Tag
ds = pydicom.dcmread(sys.argv[1])
ds._dict[Tag(0x00200013)] = RawDataElement(Tag(0x00200013), 'IS', 20, b'12345678901234567890', 0, False, True)
ds.save_as(sys.argv[2])`,
    path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'),
    file,
  );
  const { viewport } = await openFolderInViewer(page, host, path.join(folder, 'ct'));
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered');
  const shown = await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0'));
  expect(shown?.sopInstanceUid).toBe('1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322');
});
