import path from 'node:path';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { fromAnnotation, makeLesion, typed } from '../support/lesion-fixtures';
import { cliImport, hostRpc } from './fixtures/host-api';
import { openFolderInViewer } from './fixtures/ct-viewer';
import { drawMeasurement } from './fixtures/drawing';
import { canvasStats } from './fixtures/canvas';
import { SHARED_DICOM, TEST_READER, expect, test } from './fixtures/host';
import { clientPointOfPixel, viewerHash } from './fixtures/viewer';

/**
 * A 16×16 CR of the pydicom DICOMDIR set: MONOCHROME1, Rescale Slope 0.684 / Intercept 200,
 * Imager Pixel Spacing 0.1 mm and no Pixel Spacing, window 2800 / 1600 in the file.
 */
/** highdicom's DX chest: MONOCHROME1 with whole stored values, so its stack is drawn on the CPU path. */
const DX_FILE = path.join(SHARED_DICOM, 'highdicom/dx_image.dcm');
const CR_FOLDER = path.join(SHARED_DICOM, 'pydicom/dicomdirtests/77654033/CR1');

test('a MONOCHROME1 radiograph opens in its own polarity, not called inverted, with rescaled values and no false mm', async ({ page, host }) => {
  await openFolderInViewer(page, host, CR_FOLDER);
  const windowText = page.getByTestId('overlay-window');
  // Cornerstone inverts MONOCHROME1 itself to show it as meant: the reader has inverted nothing.
  await expect(windowText).toHaveText('W 2800 L 1600');
  await page.keyboard.press('i');
  await expect(windowText).toHaveText('W 2800 L 1600 · inverted');
  await page.keyboard.press(' ');
  await expect(windowText).toHaveText('W 2800 L 1600');

  // pydicom: stored 2515 at (8, 8) × 0.684 + 200.
  const centre = await clientPointOfPixel(page, 'vp-0', 8, 8);
  await page.mouse.move(centre.x, centre.y);
  await expect(page.getByTestId('overlay-pixel')).toHaveText('X 8 Y 8 · 1920.26');

  // Imager Pixel Spacing alone (0.1 mm) is the detector's: a length in mm, never called the patient's.
  await page.keyboard.press('l');
  const drawn = await drawMeasurement(page, [await clientPointOfPixel(page, 'vp-0', 2, 2), await clientPointOfPixel(page, 'vp-0', 12, 2)]);
  expect(Number(drawn.stats.length)).toBeCloseTo(1, 1);
  await expect(page.getByTestId('measurement-value')).toHaveText(/^(0\.9\d|1\.0\d) mm \(detector\)$/);
  await expect(page.getByTestId('measurement-value')).not.toHaveText(/ mm$/);
});

test('a length on the DX whose Pixel Spacing only repeats its Imager Pixel Spacing is shown in mm at the detector, not the patient', async ({ page, host }) => {
  await openFolderInViewer(page, host, DX_FILE);
  await page.keyboard.press('l');
  // 100 columns across, 1.2012 mm apart at the detector.
  const drawn = await drawMeasurement(page, [await clientPointOfPixel(page, 'vp-0', 50, 80), await clientPointOfPixel(page, 'vp-0', 150, 80)]);
  expect(Math.abs(Number(drawn.stats.length) - 120.12)).toBeLessThan(2.5);
  await expect(page.getByTestId('measurement-value')).toHaveText(`${Number(drawn.stats.length).toFixed(2)} mm (detector)`);
});

test('a MONOCHROME1 radiograph drawn on the CPU path: Invert inverts at the first press and Reset shows it as meant', async ({ page, host }) => {
  const { viewport } = await openFolderInViewer(page, host, DX_FILE);
  const windowText = page.getByTestId('overlay-window');
  const canvas = viewport.locator('canvas').first();
  await expect(windowText).toHaveText('W 256 L 128');
  const asMeant = (await canvasStats(canvas)).mean;
  await page.keyboard.press('i');
  await expect(windowText).toHaveText('W 256 L 128 · inverted');
  // The picture turns over with the word (the mean luminance moves a long way).
  await expect.poll(async () => Math.abs((await canvasStats(canvas)).mean - asMeant)).toBeGreaterThan(40);
  await page.keyboard.press(' ');
  await expect(windowText).toHaveText('W 256 L 128');
  await expect.poll(async () => Math.abs((await canvasStats(canvas)).mean - asMeant)).toBeLessThan(2);
});

test('a femoral lesion whose axial involvement was measured on the DX reads "mm, detector" and could be urgent, not urgent for certain', async ({ page, host }) => {
  await cliImport(host.dataDir, [DX_FILE]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const [dx] = await hostRpc(host, 'series.instances', { seriesInstanceUid: series[0]!.seriesInstanceUid });
  const mine = { studyInstanceUid: study!.studyInstanceUid, seriesInstanceUid: series[0]!.seriesInstanceUid, reader: TEST_READER.initials };
  // A Length along the femur's cortex on the DX: 34 mm at the detector (26-34 mm in the patient).
  const drawing: Annotation = {
    ...mine, schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'e1000000-0000-4000-8000-000000000001', lesionId: null, sopInstanceUid: dx!.sopInstanceUid, frameNumber: 1,
    frameOfReferenceUid: null, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[60, 40, 0], [60, 74, 0]], text: null, measurements: { length: 34 },
    createdAt: '2026-01-02T10:00:00Z', updatedAt: '2026-01-02T10:00:00Z',
  };
  await hostRpc(host, 'annotations.save', { annotation: drawing });
  const lesion = makeLesion({
    ...mine, id: 'f1000000-0000-4000-8000-000000000001', trackingUid: '2.25.7201', createdAt: '2026-01-02T10:00:00Z', updatedAt: '2026-01-02T10:00:00Z',
    axialInvolvementMm: fromAnnotation(34, drawing.id), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false },
  });
  await hostRpc(host, 'lesions.save', { lesion });
  await page.goto(`${host.url}${viewerHash(mine.studyInstanceUid, mine.seriesInstanceUid)}`);
  await page.getByTestId('lesion-item').first().getByRole('button').click();
  await expect(page.getByTestId('measured-axialInvolvementMm')).toContainText('Axial cortical involvement (mm, detector)');
  await expect(page.getByTestId('lesion-urgency')).not.toHaveAttribute('data-level', 'urgent');
  await expect(page.getByTestId('lesion-urgency')).toContainText('could be urgent');
  await expect(page.getByTestId('lesion-scores')).toContainText('34 mm at the detector (26.15-34 mm in the patient');
});
