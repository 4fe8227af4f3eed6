import fs from 'node:fs';
import path from 'node:path';
import { writeCylinderPhantom } from '../support/cylinder-phantom-script';
import { temporaryFolder } from '../support/paths';
import { openFolderInViewer } from './fixtures/ct-viewer';
import { drawMeasurement } from './fixtures/drawing';
import { expect, test } from './fixtures/host';
import { pixelsOnWholeClientPoints } from './fixtures/viewer';

// A CT whose pixels are 0.5 mm between rows and 0.8 mm between columns (Pixel Spacing 0.5\0.8):
// a length across the columns and one across the rows, each in mm in the patient. Spacings
// swapped, the first would read 5/8 of its size and the second 8/5.

let folder: string;
test.beforeEach(() => {
  folder = temporaryFolder('non-square-pixels');
});
test.afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

const [ROW_SPACING, COLUMN_SPACING] = [0.5, 0.8];

/** A pixel of the region whose centre lies on a whole client point (the mouse lands on it). */
async function pixelIn(page: import('@playwright/test').Page, columns: [number, number], rows: [number, number]) {
  const [found] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns, rows }, 0.15);
  if (!found) throw new Error(`no pixel of columns ${columns} rows ${rows} lies on a whole client point`);
  return found;
}

test('a Length along the rows and one along the columns of a 0.5 x 0.8 mm pixel CT each read their size in mm', async ({ page, host }) => {
  writeCylinderPhantom({ rows: 120, columns: 75, pixelSpacing: [ROW_SPACING, COLUMN_SPACING], sliceCount: 3, lesion: null, supersampling: 1, uidRoot: '2.25.70811' }, path.join(folder, 'ct'));
  await openFolderInViewer(page, host, path.join(folder, 'ct'));
  await page.keyboard.press('l');
  const value = page.getByTestId('measurement-value');
  // Along a row (columns 0.8 mm apart), then down a column (rows 0.5 mm apart).
  for (const [from, to] of [
    [[[2, 20], [50, 70]], [[55, 73], [50, 70]]],
    [[[25, 50], [2, 25]], [[25, 50], [95, 118]]],
  ] as const) {
    const a = await pixelIn(page, [...from[0]], [...from[1]]);
    const b = await pixelIn(page, [...to[0]], [...to[1]]);
    const drawn = await drawMeasurement(page, [a, b]);
    const expected = Math.hypot((b.column - a.column) * COLUMN_SPACING, (b.row - a.row) * ROW_SPACING);
    // Within the 0.15 CSS px the pointer may land off each pixel centre (well under 0.1 mm here).
    expect(Math.abs((drawn.stats['length'] as number) - expected)).toBeLessThan(0.2);
    expect(drawn.stats['unit']).toBe('mm');
    // The panel shows the same figure (41.60 mm across 52 columns, 47.00 mm down 94 rows here).
    await expect(value.last()).toHaveText(`${(drawn.stats['length'] as number).toFixed(2)} mm`);
  }
});
