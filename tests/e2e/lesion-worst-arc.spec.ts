import { expect, test } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { drawCorticalArc, openPhantomAtLesion, wheelToSlice } from './fixtures/phantom';

test('a smaller arc linked while another arc of the lesion measures more: the form and the stored lesion score the worst arc, naming it', async ({ page, host }) => {
  const { phantom, truth, middle } = await openPhantomAtLesion(page, host, 'L1');
  const panel = page.getByTestId('measurement-panel');

  // The whole destroyed arc on one slice, a third of it on the next (as a reader might draw it there).
  await drawCorticalArc(page, truth, 'L1');
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await wheelToSlice(page, phantom.viewerSlice(middle + 1));
  const third = { ...truth, lesions: truth.lesions.map((l) => (l.id === 'L1' ? { ...l, arcEndDeg: l.arcStartDeg + (l.arcEndDeg - l.arcStartDeg) / 3 } : l)) };
  await drawCorticalArc(page, third, 'L1');
  await expect(page.getByTestId('measurement').filter({ hasText: 'Cortex' })).toHaveCount(2);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  const arcs = (await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid })).sort((a, b) => a.measurements.arcPercent! - b.measurements.arcPercent!);
  expect(arcs).toHaveLength(2);
  const [small, large] = arcs as [(typeof arcs)[number], (typeof arcs)[number]];
  expect(large.measurements.arcPercent! - small.measurements.arcPercent!).toBeGreaterThan(20);

  // A new lesion: the larger arc attached, then the smaller one selected and linked.
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  const shown = (p: number) => `${Number(p.toFixed(1))}%`;
  const select = async (p: number) => {
    const item = page.getByTestId('measurement').filter({ hasText: `${p.toFixed(1)}% of circumference` });
    await item.getByRole('button').click();
    await expect(item).toHaveAttribute('data-selected', 'true');
  };
  await select(large.measurements.arcPercent!);
  await page.getByTestId('attach-drawing').click();
  await select(small.measurements.arcPercent!);
  await page.getByTestId('link-circumferentialInvolvementPct').click();

  // The form shows the worst arc's value at once, and says which arc and slice it is.
  const shownValue = Number(await page.getByTestId('input-circumferentialInvolvementPct').inputValue());
  expect(shownValue).toBeCloseTo(large.measurements.arcPercent!, 1);
  await expect(page.getByTestId('worst-arc-note')).toContainText(`${shown(large.measurements.arcPercent!)} (slice ${phantom.viewerSlice(middle)})`);
  await expect(page.getByTestId('worst-arc-note')).toContainText(`another arc measures ${shown(small.measurements.arcPercent!)} (slice ${phantom.viewerSlice(middle + 1)})`);

  await page.getByTestId('lesion-save').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  const [stored] = await hostRpc(host, 'lesions.list', { studyInstanceUid: phantom.studyUid });
  expect(stored!.lesion.circumferentialInvolvementPct).toEqual({ value: large.measurements.arcPercent, provenance: { source: 'annotation', annotationId: large.id } });
  expect(stored!.lesion.attachedAnnotationIds).toEqual([small.id]);
});
