import { expect, test } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { drawCorticalArc, loadPhantom, openPhantom } from './fixtures/phantom';

test('the cortical-involvement tool measures the destroyed arc of the phantom femur, undoably', async ({ page, host }) => {
  const phantom = await loadPhantom(host);
  const { truth } = phantom;
  const lesion = truth.lesions.find((l) => l.id === 'L1')!;
  const middle = Math.round((lesion.involvedSliceIndices.first + lesion.involvedSliceIndices.last) / 2);
  await openPhantom(page, host, phantom, middle);
  const items = page.getByTestId('measurement');
  const panel = page.getByTestId('measurement-panel');

  await drawCorticalArc(page, truth, 'L1');
  const item = items.filter({ hasText: 'Cortex' });
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('measurement-value')).toHaveText(/^[\d.]+% of circumference$/);
  const text = await item.getByTestId('measurement-value').textContent();
  const percent = Number(/([\d.]+)%/.exec(text ?? '')![1]);
  expect(Math.abs(percent - lesion.circumferentialFraction * 100)).toBeLessThanOrEqual(5);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  const [stored] = await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid });
  expect(stored!.tool).toBe('CorticalInvolvement');
  expect(stored!.points).toHaveLength(4);
  expect(stored!.measurements.arcPercent).toBeCloseTo(percent, 1);
  // The arc is drawn on the image (an SVG polyline in Cornerstone's layer).
  await expect(page.locator('[data-testid="viewport"] svg polyline').first()).toBeAttached();

  // Undo removes it (and from the store), redo brings it back.
  await page.getByTestId('undo').click();
  await expect(item).toHaveCount(0);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  expect(await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid })).toHaveLength(0);
  await page.getByTestId('redo').click();
  await expect(item).toHaveCount(1);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  expect(await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid })).toHaveLength(1);
});
