import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeCylinderPhantom } from '../support/cylinder-phantom-script';
import { fixedLength } from '@shared/scoring/shown-figure';
import { temporaryFolder } from '../support/paths';
import { drawMeasurement } from './fixtures/drawing';
import { linkArcToNewFemurLesion } from './fixtures/cortical-lesion';
import { expect, test } from './fixtures/host';
import { cliImport } from './fixtures/host-api';
import { clientPointOfPixel, settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A femur-like tube along patient z, 30 mm of its cortex destroyed over half its circumference,
// scanned twice in one study: axial CT slices (0.7 mm pixels, 1.25 mm apart) and sagittal slices
// 2 mm apart (as a sagittal MR lies). The arc is drawn on the axial slices; the extent along the
// bone is 30 mm, the lesion's width across it (on the sagittal slices) about 22 mm.

let folder: string;
test.beforeEach(() => {
  folder = temporaryFolder('axial-extent-planes');
});
test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const PIXEL = 0.7;
const LESION = { arcStart: 30, arcSweep: 180, axialStart: -15, axialLength: 30, marrowDepth: 2 };
const GRID = { rows: 96, columns: 96, pixelSpacing: [PIXEL, PIXEL], supersampling: 1, lesion: LESION };

/** Puts a written series into another's study and frame of reference, under its own description. */
function intoStudyOf(target: string, source: string, description: string): void {
  const script = `import pydicom, sys, os
ref = pydicom.dcmread(os.path.join(sys.argv[2], sorted(os.listdir(sys.argv[2]))[0]))
for name in os.listdir(sys.argv[1]):
    p = os.path.join(sys.argv[1], name)
    ds = pydicom.dcmread(p)
    ds.StudyInstanceUID, ds.FrameOfReferenceUID = ref.StudyInstanceUID, ref.FrameOfReferenceUID
    ds.SeriesDescription, ds.SeriesNumber = sys.argv[3], 2
    ds.save_as(p)`;
  const made = spawnSync('/usr/bin/python3', ['-c', script, target, source, description], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
}

test('first and last involved slices on a sagittal series under an axial arc are refused; a Length along the bone on that series gives the extent', async ({ page, host }) => {
  const axialFolder = path.join(folder, 'axial');
  const sagittalFolder = path.join(folder, 'sagittal');
  const axial = writeCylinderPhantom({ ...GRID, sliceCount: 64, sliceSpacing: 1.25, uidRoot: '2.25.70821' }, axialFolder);
  // Rows run to the feet, columns to the back: the slices' normal is patient -x.
  const sagittal = writeCylinderPhantom({ ...GRID, rows: 120, rowDir: [0, 1, 0], columnDir: [0, 0, -1], axisDirection: [0, 0, 1], sliceCount: 24, sliceSpacing: 2, uidRoot: '2.25.70822' }, sagittalFolder);
  intoStudyOf(sagittalFolder, axialFolder, 'Sagittal');
  await cliImport(host.dataDir, [axialFolder, sagittalFolder]);

  // The axial slice through the lesion's middle (slice 32 of 64, head first), its arc drawn from 30 to 210 degrees.
  await page.goto(`${host.url}${viewerHash(axial.studyInstanceUid, axial.seriesInstanceUid, 32)}`);
  const axialView = viewportLocator(page, { seriesUid: axial.seriesInstanceUid, orientation: 'stack' });
  expect(await settledStatus(axialView)).toBe('rendered');
  const middle = (GRID.columns - 1) / 2;
  const onImage = (xMm: number, yMm: number) => clientPointOfPixel(page, 'vp-0', middle + xMm / PIXEL, middle + yMm / PIXEL);
  const cortex = (deg: number) => onImage(8.75 * Math.cos((deg * Math.PI) / 180), 8.75 * Math.sin((deg * Math.PI) / 180));
  await page.getByTestId('tool-CorticalInvolvement').click();
  for (const point of [await onImage(0, 0), await cortex(30), await cortex(210), await cortex(120)]) await page.mouse.click(point.x, point.y);
  const arc = page.getByTestId('measurement').filter({ hasText: 'Cortex' });
  // An exact half arc computes as 49.99999999999999% in binary, which the scores read as not > 50%: shown so, never as 50.0.
  await expect(arc.getByTestId('measurement-value')).toHaveText(/^(49|50)\.\d+% of circumference/);
  await linkArcToNewFemurLesion(page, arc);

  // On the sagittal series the lesion shows on about 11 slices 2 mm apart: its width across the bone.
  await page.getByTestId('strip-series').filter({ hasText: 'Sagittal' }).click();
  const sagittalView = viewportLocator(page, { seriesUid: sagittal.seriesInstanceUid, orientation: 'stack' });
  expect(await settledStatus(sagittalView)).toBe('rendered');
  await page.getByTestId('first-involved-slice').click();
  for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowDown');
  await page.getByTestId('last-involved-slice').click();
  await expect(page.getByTestId('axial-extent').getByRole('alert')).toContainText('not parallel to the plane the cortical involvement was drawn on (90 degrees apart)');
  await expect(page.getByTestId('input-axialInvolvementMm')).toHaveValue('');

  // A Length along the bone on the sagittal image gives it: 30 mm down the rows (z from 15 to -15).
  const sagittalMiddle = (GRID.columns - 1) / 2;
  const topRow = (120 - 1) / 2 - 15 / PIXEL;
  const a = await clientPointOfPixel(page, 'vp-0', sagittalMiddle, topRow);
  const b = await clientPointOfPixel(page, 'vp-0', sagittalMiddle, topRow + 30 / PIXEL);
  await page.keyboard.press('l');
  const length = await drawMeasurement(page, [{ x: Math.round(a.x), y: Math.round(a.y) }, { x: Math.round(b.x), y: Math.round(b.y) }]);
  expect(Math.abs((length.stats['length'] as number) - 30)).toBeLessThan(0.3);
  const item = page.getByTestId('measurement').filter({ hasText: fixedLength(length.stats['length'] as number, 2) });
  await item.getByRole('button').click();
  await expect(page.getByTestId('link-axialInvolvementMm')).toBeEnabled();
  await page.getByTestId('link-axialInvolvementMm').click();
  expect(Number(await page.getByTestId('input-axialInvolvementMm').inputValue())).toBeCloseTo(length.stats['length'] as number, 2);

  // The same Length in a later session, restored from the index, still lies along the bone.
  const later = await page.context().newPage();
  await later.goto(`${host.url}${viewerHash(axial.studyInstanceUid, sagittal.seriesInstanceUid, 11)}`);
  expect(await settledStatus(viewportLocator(later, { seriesUid: sagittal.seriesInstanceUid, orientation: 'stack' }))).toBe('rendered');
  const restored = later.getByTestId('measurement').filter({ hasText: fixedLength(length.stats['length'] as number, 2) });
  await restored.getByRole('button').click();
  await later.getByTestId('lesion-new').click();
  await later.getByTestId('bone-search').fill('left femur diaphysis');
  await later.getByTestId('bone-search').press('Enter');
  await expect(later.getByTestId('link-axialInvolvementMm')).toBeEnabled();
  await later.getByTestId('link-axialInvolvementMm').click();
  expect(Number(await later.getByTestId('input-axialInvolvementMm').inputValue())).toBeCloseTo(length.stats['length'] as number, 2);
});
