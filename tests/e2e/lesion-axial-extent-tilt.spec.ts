import fs from 'node:fs';
import path from 'node:path';
import { writeCylinderPhantom } from '../support/cylinder-phantom-script';
import { temporaryFolder } from '../support/paths';
import { linkArcToNewFemurLesion } from './fixtures/cortical-lesion';
import { expect, test } from './fixtures/host';
import { cliImport } from './fixtures/host-api';
import { clientPointOfPixel, settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A femur-like tube along the table (patient z), scanned with the gantry tilted 25 degrees: each
// slice's plane is tilted about y and the slices advance along z, 2.5 mm apart there (2.27 mm along
// their own normal), as a scanner writes a tilted acquisition. 13 involved slices span 32.5 mm of the
// bone along the table, over Van der Linden's 30 mm; along the tilted normal they are 29.45 mm.

let folder: string;
test.beforeEach(() => {
  folder = temporaryFolder('axial-extent-tilt');
});
test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const TILT = (25 * Math.PI) / 180;
const STEP_ALONG_TABLE = 2.5;
const PIXEL = 0.7;

test('a gantry-tilted CT: no reformat is offered, and first and last involved slices give the extent along the table, not along the tilted normal', async ({ page, host }) => {
  const tilted = writeCylinderPhantom(
    {
      rows: 96, columns: 110, pixelSpacing: [PIXEL, PIXEL], supersampling: 1, sliceCount: 28,
      rowDir: [Math.cos(TILT), 0, -Math.sin(TILT)], columnDir: [0, 1, 0], axisDirection: [0, 0, 1],
      sliceSpacing: STEP_ALONG_TABLE * Math.cos(TILT),
      // Each slice shifted along its rows so that it advances along z: a gantry tilt.
      shear: -Math.tan(TILT),
      lesion: { arcStart: 30, arcSweep: 180, axialStart: -15, axialLength: 30, marrowDepth: 2 },
      uidRoot: '2.25.70831',
    },
    path.join(folder, 'tilted'),
  );
  const zs = tilted.slices.map((s) => s.position[2]).sort((a, b) => a - b);
  const steps = zs.slice(1).map((z, k) => z - zs[k]!);
  expect(steps.every((dz) => Math.abs(dz - STEP_ALONG_TABLE) < 1e-3), 'the slices advance 2.5 mm along the table').toBe(true);
  await cliImport(host.dataDir, [path.join(folder, 'tilted')]);

  await page.goto(`${host.url}${viewerHash(tilted.studyInstanceUid, tilted.seriesInstanceUid, 14)}`);
  const view = viewportLocator(page, { seriesUid: tilted.seriesInstanceUid, orientation: 'stack' });
  expect(await settledStatus(view)).toBe('rendered');
  // A reformat built along the tilted normal would put each slice off by its shift: not offered.
  await expect(page.getByTestId('layout-mpr')).toBeDisabled();
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('title', /gantry tilt/);
  const onImage = (xMm: number, yMm: number) => clientPointOfPixel(page, 'vp-0', (110 - 1) / 2 + xMm / PIXEL, (96 - 1) / 2 + yMm / PIXEL);
  const cortex = (deg: number) => onImage(8.75 * Math.cos((deg * Math.PI) / 180), 8.75 * Math.sin((deg * Math.PI) / 180));
  await page.getByTestId('tool-CorticalInvolvement').click();
  for (const point of [await onImage(0, 0), await cortex(30), await cortex(210), await cortex(120)]) await page.mouse.click(point.x, point.y);
  const arc = page.getByTestId('measurement').filter({ hasText: 'Cortex' });
  await expect(arc).toHaveCount(1);
  await linkArcToNewFemurLesion(page, arc);

  // 13 slices, first to last: 12 steps of 2.5 mm along the table, each slice a whole slab.
  await page.getByTestId('first-involved-slice').click();
  for (let k = 0; k < 12; k++) await page.keyboard.press('ArrowDown');
  await page.getByTestId('last-involved-slice').click();
  await expect(page.getByTestId('axial-extent').getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('input-axialInvolvementMm')).not.toHaveValue('');
  expect(Number(await page.getByTestId('input-axialInvolvementMm').inputValue())).toBeCloseTo(13 * STEP_ALONG_TABLE, 2);
  await expect(page.getByTestId('score-van-der-linden')).toContainText('32.5 mm');
});
