import type { Locator, Page } from '@playwright/test';
import { CT_FOLDER, openCt, test } from './fixtures/ct-viewer';
import { expect } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { sliceFacts } from './fixtures/series-facts';
import { settledStatus, viewportLocator } from './fixtures/viewer';

const SLICE = 30;

/** The centre of a viewport in page coordinates, and a mouse drag from one page point to another. */
async function mouseOn(page: Page, viewport: Locator) {
  const box = (await viewport.boundingBox())!;
  const drag = async (from: [number, number], to: [number, number]) => {
    await page.mouse.move(...from);
    await page.mouse.down();
    await page.mouse.move(...to, { steps: 6 });
    await page.mouse.up();
  };
  return { cx: box.x + box.width / 2, cy: box.y + box.height / 2, drag };
}

test('annotations are saved as they change and come back on their image after a reload', async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, SLICE);
  const { viewport } = await openCt(page, ct, SLICE);
  const panel = page.getByTestId('measurement-panel');
  const items = page.getByTestId('measurement');
  const { cx, cy, drag } = await mouseOn(page, viewport);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await page.keyboard.press('l');
  await drag([cx - 100, cy], [cx + 60, cy + 40]);
  await page.keyboard.press('b');
  await drag([cx - 150, cy + 150], [cx - 50, cy + 200]);
  await expect(items).toHaveCount(2);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  const before = await items.getByTestId('measurement-value').allTextContents();

  // The store holds them by UIDs and world points, on the slice they were drawn on.
  const stored = await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid });
  expect(stored.map((a) => a.tool).sort()).toEqual(['Bidirectional', 'Length']);
  for (const a of stored) {
    expect(a.sopInstanceUid).toBe(facts.sop);
    expect(a.reader).toBe('E2E');
    for (const p of a.points) expect(p[2]).toBeCloseTo(facts.position[2], 3);
  }
  const length = stored.find((a) => a.tool === 'Length')!;
  expect(before.some((text) => text.startsWith(length.measurements.length!.toFixed(2)))).toBe(true);

  // Deleting one removes it from the store too.
  await page.keyboard.press('w');
  await items.filter({ hasText: 'Bidirectional' }).getByRole('button').click();
  await page.keyboard.press('Delete');
  await expect(items).toHaveCount(1);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid })).length).toBe(1);

  const reloadedAt = new Date().toISOString();
  await page.reload();
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await expect(items).toHaveCount(1);
  await expect(items.getByTestId('measurement-value')).toHaveText(before[0]!);
  // Drawn on the image again: Cornerstone's SVG layer holds the length's line.
  await expect(viewport.locator('svg line').first()).toBeAttached();
  const after = await page.evaluate(() => window.__bonemetViewer!.annotations());
  expect(after.map((a) => [a.annotationUid, a.image?.sopInstanceUid])).toEqual([[length.id, facts.sop]]);
  // Restoring writes nothing: no audit entry is younger than the reload.
  const trail = await hostRpc(ct.host, 'audit.trail', { entityId: length.id });
  expect(trail[0]!.action).toBe('create');
  expect(trail.filter((entry) => entry.at >= reloadedAt)).toEqual([]);
});

test('a length drawn on a sagittal reformat is saved on its plane, never on the stack, and comes back with the MPR', async ({ page, ct }) => {
  const { seriesUid } = await openCt(page, ct, 36);
  await page.keyboard.press('m');
  const sagittal = viewportLocator(page, { seriesUid, orientation: 'sagittal' });
  expect(await settledStatus(sagittal)).toBe('rendered');
  const box = (await sagittal.boundingBox())!;
  await page.getByTestId('tool-Length').click();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6, { steps: 6 });
  await page.mouse.up();
  const item = page.getByTestId('measurement').filter({ hasText: 'Length' });
  await expect(item).toHaveCount(1);
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await expect(item.getByTestId('measurement-unsaved')).toHaveCount(0);
  const [stored] = await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid });
  expect(stored).toMatchObject({ tool: 'Length', sopInstanceUid: null, frameNumber: null, seriesInstanceUid: seriesUid });
  expect(Math.abs(stored!.viewPlaneNormal![0])).toBeCloseTo(1, 3);
  const value = await item.getByTestId('measurement-value').textContent();

  // After a reload the MPR comes back and draws it, with the same value; the stack alone does not
  // draw it, and reopening the MPR does again.
  await page.reload();
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('aria-pressed', 'true');
  expect(await settledStatus(sagittal)).toBe('rendered');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  const drawnOn = (viewport: typeof sagittal) => viewport.locator(`svg [data-annotation-uid="${stored!.id}"]`);
  await expect(drawnOn(sagittal)).toBeAttached();
  await expect(item.getByTestId('measurement-value')).toHaveText(value!);
  await page.keyboard.press('m');
  const stack = viewportLocator(page, { seriesUid, orientation: 'stack' });
  expect(await settledStatus(stack)).toBe('rendered');
  await expect(drawnOn(stack)).toHaveCount(0);
  await page.keyboard.press('m');
  expect(await settledStatus(sagittal)).toBe('rendered');
  await expect(drawnOn(sagittal)).toBeAttached();
  await expect(item.getByTestId('measurement-value')).toHaveText(value!);
});

test('dragging a measured Length longer gives its lesion the new length: in the form, the scores and the store', async ({ page, ct }) => {
  const { viewport } = await openCt(page, ct, SLICE);
  const panel = page.getByTestId('measurement-panel');
  const { cx, cy, drag } = await mouseOn(page, viewport);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await page.getByTestId('tool-Length').click();
  await drag([cx - 40, cy], [cx, cy]);
  const item = page.getByTestId('measurement').filter({ hasText: 'Length' });
  await expect(item).toHaveCount(1);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');

  // A femoral lesion whose largest dimension is that Length, saved.
  await item.getByRole('button').click();
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  await page.getByTestId('link-largestDimensionMm').click();
  const input = page.getByTestId('input-largestDimensionMm');
  const linked = Number(await input.inputValue());
  await page.getByTestId('lesion-save').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);

  // The reader drags its end three times further: the drawing is saved with its new length.
  await page.getByTestId('tool-Length').click();
  await drag([cx, cy], [cx + 80, cy]);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid }))[0]!.measurements.length).toBeGreaterThan(2.5 * linked);
  const [drawing] = await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid });
  const figure = drawing!.measurements.length!;

  // The lesion says the length the drawing shows: stored, in the open form, and in its scores.
  await expect.poll(async () => (await hostRpc(ct.host, 'lesions.list', { studyInstanceUid: ct.studyUid }))[0]!.lesion.largestDimensionMm).toEqual({ value: figure, provenance: { source: 'annotation', annotationId: drawing!.id } });
  await expect.poll(async () => Number(await input.inputValue())).toBeCloseTo(figure, 1);
  const [scored] = await hostRpc(ct.host, 'lesions.list', { studyInstanceUid: ct.studyUid });
  expect(scored!.scores.harrington.components.find((c) => c.id === 'size')!.met).toBe(figure >= 25);
});
