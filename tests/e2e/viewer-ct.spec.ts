import { CT_FOLDER, keepScreenshot, openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { sliceFacts } from './fixtures/series-facts';
import { drawMeasurement } from './fixtures/drawing';
import { pixelsOnWholeClientPoints, viewerHash, viewportLocator } from './fixtures/viewer';

const SLICE = 37;
const PIXEL_TEXT = /^X (\d+) Y (\d+) · (-?\d+(?:\.\d+)?) HU$/;

test('opens the chest CT by deep link at a slice of its spatial order, with PACS overlays', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  const { viewport, studyUid, seriesUid } = await openCt(page, ct, SLICE);
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered');
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE));
  await expect(viewport).toHaveAttribute('data-slice-count', '72');
  // The slice shown is the one pydicom puts 37th from the head (file names are not in z order).
  const shown = await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0'));
  expect(shown?.sopInstanceUid).toBe(facts.sop);
  await expect(page.getByTestId('overlay-slice')).toHaveText(`Im ${SLICE} / 72`);
  await expect(page.getByTestId('overlay-position')).toHaveText(`Loc ${facts.position[2].toFixed(2)} mm`);
  await expect(page.getByTestId('overlay-window')).toHaveText(`W ${facts.windowWidth} L ${facts.windowCenter}`);
  await expect(page.getByTestId('overlay-patient-id')).toHaveText('LIDC-IDRI-0314');
  await expect(page).not.toHaveURL(/token=/);
  await keepScreenshot(page, 'viewer-ct-1x1');

  // The wheel and the arrow keys step through the spatial order.
  await viewport.hover();
  await page.mouse.wheel(0, 120);
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE + 1));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE - 1));
  expect(await page.evaluate(() => window.__bonemetViewer!.currentImage('vp-0')?.sopInstanceUid)).toBe(facts.order[SLICE - 2]);

  // The same deep link without the token opens the viewer again: the page kept the token.
  await page.goto(`${new URL(ct.host.url).origin}/#/study/${studyUid}/series/${seriesUid}?slice=5`);
  await expect(page.locator(`[data-testid="viewport"][data-slice-index="5"]`)).toHaveAttribute('data-viewport-status', 'rendered');
});

test('reads the HU under the mouse at known pixels as pydicom computes them', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  await openCt(page, ct, SLICE);
  const candidates = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [130, 380], rows: [150, 360] });
  // One pixel in bone and one in lung: two very different values, both exactly where the mouse can go.
  const bone = candidates.find((p) => facts.valueAt(p.column, p.row) > 400);
  const lung = candidates.find((p) => facts.valueAt(p.column, p.row) < -700);
  expect(bone && lung, 'pixels of bone and lung at whole client coordinates').toBeTruthy();
  for (const pixel of [bone!, lung!]) {
    await page.mouse.move(pixel.x, pixel.y);
    const text = page.getByTestId('overlay-pixel');
    await expect(text).toHaveText(PIXEL_TEXT);
    const [, column, row, value] = PIXEL_TEXT.exec((await text.textContent())!)!;
    expect([Number(column), Number(row)]).toEqual([pixel.column, pixel.row]);
    expect(Number(value)).toBe(facts.valueAt(pixel.column, pixel.row));
  }
});

test('measures a length between two known pixels to 0.1 mm, and undoes and redoes it', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  await openCt(page, ct, SLICE);
  const near = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [100, 160], rows: [120, 180] });
  const far = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [330, 400], rows: [300, 360] });
  const [a, b] = [near[0]!, far[far.length - 1]!];
  const [rowSpacing, columnSpacing] = facts.pixelSpacing;
  const expected = Math.hypot((b.column - a.column) * columnSpacing, (b.row - a.row) * rowSpacing);

  await page.keyboard.press('l');
  await expect(page.getByTestId('tool-Length')).toHaveAttribute('aria-pressed', 'true');
  const drawn = await drawMeasurement(page, [a, { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, b]);
  const value = page.getByTestId('measurement-value');
  await expect(value).toHaveText(`${(drawn.stats.length as number).toFixed(2)} mm`);
  expect(Math.abs(parseFloat((await value.textContent())!) - expected)).toBeLessThan(0.1);

  // The measurement seam: world coordinates on this very image.
  const [annotation] = await page.evaluate(() => window.__bonemetViewer!.annotations());
  expect(annotation!.toolName).toBe('Length');
  expect(annotation!.image?.sopInstanceUid).toBe(facts.sop);
  const [p, q] = annotation!.points;
  expect(Math.abs(Math.hypot(q![0] - p![0], q![1] - p![1], q![2] - p![2]) - expected)).toBeLessThan(0.1);
  expect(p![2]).toBeCloseTo(facts.position[2], 3);
  await keepScreenshot(page, 'viewer-ct-length');

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('measurement')).toHaveCount(0);
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('measurement')).toHaveCount(1);
  expect(Math.abs(parseFloat((await value.textContent())!) - expected)).toBeLessThan(0.1);
});

test('measures an ellipse ROI in HU: area, mean, SD, min and max of the pixels inside it', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  await openCt(page, ct, SLICE);
  const [a] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [190, 250], rows: [210, 270] });
  const [b] = await pixelsOnWholeClientPoints(page, 'vp-0', { columns: [a!.column + 40, a!.column + 80], rows: [a!.row + 30, a!.row + 70] });
  await page.getByTestId('tool-EllipticalROI').click();
  await expect(page.getByTestId('tool-EllipticalROI')).toHaveAttribute('aria-pressed', 'true');
  // Figures read at the release could be a move behind (the tool recomputes them after a render):
  // the panel is read once the seam has the completed ellipse with its figures for its final shape.
  const drawn = await drawMeasurement(page, [a!, b!]);
  const text = page.getByTestId('measurement').filter({ hasText: 'Ellipse' }).getByTestId('measurement-value');
  const pattern = /^Area ([\d.]+) mm² · mean (-?[\d.]+) ± ([\d.]+) HU · min (-?[\d.]+) max (-?[\d.]+)$/;
  await expect(text).toHaveText(new RegExp(`^Area ${(drawn.stats.area as number).toFixed(2)} mm² · mean`));
  await expect(text).toHaveText(pattern);
  const [, area, mean, sd, min, max] = pattern.exec((await text.textContent())!)!.map(Number);

  // The ellipse as the seam reports it (four world points on its axes), in this slice's pixels.
  const [annotation] = await page.evaluate(() => window.__bonemetViewer!.annotations());
  const axes = annotation!.points.map((p) => facts.pixelOf(p as [number, number, number]));
  const [cc, rc] = [axes.reduce((s, p) => s + p[0], 0) / 4, axes.reduce((s, p) => s + p[1], 0) / 4];
  const semi = (p: [number, number], q: [number, number]) => Math.hypot(p[0] - q[0], p[1] - q[1]) / 2;
  const [r1, r2] = [semi(axes[0]!, axes[1]!), semi(axes[2]!, axes[3]!)];
  const [rowSpacing, columnSpacing] = facts.pixelSpacing;
  expect(Math.abs(area! - Math.PI * r1 * r2 * rowSpacing * columnSpacing) / area!).toBeLessThan(0.01);
  // Drawn where the mouse pressed (its centre on the pressed pixel).
  expect(Math.hypot(cc - a!.column, rc - a!.row)).toBeLessThan(1);

  // pydicom's HU of the pixels whose centres lie inside that ellipse.
  const horizontal = Math.abs(axes[2]![0] - axes[3]![0]) > Math.abs(axes[0]![0] - axes[1]![0]);
  const [rx, ry] = horizontal ? [r2, r1] : [r1, r2];
  const inside: number[] = [];
  for (let row = Math.floor(rc - ry); row <= Math.ceil(rc + ry); row++) {
    for (let column = Math.floor(cc - rx); column <= Math.ceil(cc + rx); column++) {
      if (((column - cc) / rx) ** 2 + ((row - rc) / ry) ** 2 <= 1) inside.push(facts.valueAt(column, row));
    }
  }
  const expectedMean = inside.reduce((s, v) => s + v, 0) / inside.length;
  const expectedSd = Math.sqrt(inside.reduce((s, v) => s + (v - expectedMean) ** 2, 0) / inside.length);
  expect(Math.abs(mean! - expectedMean)).toBeLessThan(1);
  expect(Math.abs(sd! - expectedSd) / expectedSd).toBeLessThan(0.02);
  expect(min).toBe(Math.min(...inside));
  expect(max).toBe(Math.max(...inside));
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('measurement')).toHaveCount(0);
});

test('the mouse as in OHIF and Horos: left drag windows, middle drag pans, right drag zooms', async ({ page, ct }) => {
  const { viewport } = await openCt(page, ct, SLICE);
  const box = (await viewport.boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  // Each drag is released once the viewer shows its effect (input lags behind the mouse under load).
  const drag = async (button: 'left' | 'right' | 'middle', dx: number, dy: number, shown: () => Promise<void>) => {
    await page.mouse.move(cx, cy);
    await page.mouse.down({ button });
    await page.mouse.move(cx + dx, cy + dy, { steps: 8 });
    await shown();
    await page.mouse.up({ button });
  };
  await drag('left', 60, 40, () => expect(page.getByTestId('overlay-window')).not.toHaveText('W 2000 L -450'));
  await expect(viewport).toHaveAttribute('data-slice-index', String(SLICE));
  // Pan before zoom: the camera must be still when the pan's start is read.
  const centre = () => page.evaluate(() => window.__bonemetViewer!.clientPointOfPixel('vp-0', 256, 256)!);
  const before = await centre();
  await drag('middle', 50, 30, () =>
    expect.poll(async () => {
      const after = await centre();
      return [Math.round(after.x - before.x), Math.round(after.y - before.y)];
    }).toEqual([50, 30]),
  );
  await expect(page.getByTestId('overlay-zoom')).toHaveText('Zoom 1.00×');
  await drag('right', 0, -80, () => expect(page.getByTestId('overlay-zoom')).not.toHaveText('Zoom 1.00×'));
});

test('window presets, invert, flip, rotate, cine, help and hidden identifiers from the keyboard', async ({ page, ct }) => {
  const { viewport } = await openCt(page, ct, SLICE);
  const windowText = page.getByTestId('overlay-window');
  for (const [key, text] of [['1', 'W 2000 L 500'], ['2', 'W 400 L 40'], ['3', 'W 1500 L -600'], ['4', 'W 80 L 40'], ['0', 'W 2000 L -450']]) {
    await page.keyboard.press(key!);
    await expect(windowText).toHaveText(text!);
  }
  // The file's window is a window the toolbar names too: File is pressed, no preset is.
  await expect(page.getByTestId('preset-0')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('preset-4')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('1');
  await expect(page.getByTestId('preset-0')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('0');
  await page.keyboard.press('i');
  await expect(windowText).toHaveText('W 2000 L -450 · inverted');

  // Flip and rotate, read through Cornerstone's own transforms: where pixel (10, 256) lands.
  const at = () => page.evaluate(() => window.__bonemetViewer!.clientPointOfPixel('vp-0', 10, 256)!);
  const box = (await viewport.boundingBox())!;
  const centre = box.x + box.width / 2;
  expect((await at()).x).toBeLessThan(centre);
  await page.keyboard.press('h');
  await expect.poll(async () => (await at()).x > centre).toBe(true);
  await page.keyboard.press('r');
  await expect.poll(async () => Math.abs((await at()).x - centre) < 5).toBe(true);
  await page.keyboard.press(' ');
  await expect.poll(async () => (await at()).x < centre).toBe(true);
  await expect(windowText).toHaveText('W 2000 L -450');

  // Cine runs until stopped: the slice moves on by itself.
  await page.keyboard.press('k');
  await expect(page.getByTestId('overlay-cine')).toHaveText('Cine 15 fps');
  await expect(viewport).not.toHaveAttribute('data-slice-index', String(SLICE));
  await page.keyboard.press('+');
  await expect(page.getByTestId('overlay-cine')).toHaveText('Cine 20 fps');
  await page.keyboard.press('k');
  await expect(page.getByTestId('overlay-cine')).toHaveCount(0);

  await page.keyboard.press('?');
  const help = page.getByTestId('viewer-help');
  await expect(help).toBeVisible();
  await expect(help.getByTestId('help-shortcut').filter({ hasText: 'Bone (W 2000 / L 500)' })).toHaveCount(1);
  expect(await help.getByTestId('help-shortcut').count()).toBeGreaterThan(25);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('n');
  await expect(page.getByTestId('overlay-identifiers-hidden')).toBeVisible();
  await expect(page.getByTestId('overlay-patient-id')).toHaveCount(0);
});

test('opened from the study list once the viewer has warmed up, a series shows without a "Starting the viewer" pause', async ({ page, ct }) => {
  await page.goto(ct.host.url);
  await page.getByTestId('study-row').first().waitFor();
  // The study browser warms the viewer when idle: its chunk loaded, Cornerstone and its tools started.
  await page.waitForFunction(
    () => performance.getEntriesByName('bonemet:viewer:tools', 'mark').length > 0 && performance.getEntriesByType('resource').some((r) => /\/assets\/viewer-[^/]*\.js$/.test(r.name)),
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  // Whether the note shown while the viewer's chunk loads ever appears from here on.
  await page.evaluate(() => {
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="viewer-chunk-loading"]')) (window as unknown as { __viewerStartingShown?: boolean }).__viewerStartingShown = true;
    }).observe(document, { subtree: true, childList: true });
  });
  await page.evaluate((hash) => (window.location.hash = hash), viewerHash(ct.studyUid, ct.seriesUid));
  await expect(viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' })).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { __viewerStartingShown?: boolean }).__viewerStartingShown ?? false)).toBe(false);
});
