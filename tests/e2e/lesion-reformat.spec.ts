import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Annotation } from '@shared/annotation/annotation';
import { expect, SHARED_DICOM, TEST_READER, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { drawMeasurement } from './fixtures/drawing';
import { loadPhantom, openPhantom } from './fixtures/phantom';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

/**
 * How the sagittal reformat's camera sits against a stored plane: the |cosine| between its normal
 * and the plane's, and the distance (mm) from its focal point to the plane.
 */
function sagittalOffPlane(page: Page, point: readonly number[], normal: readonly number[]): Promise<{ cosine: number; distance: number }> {
  return page.evaluate(
    ([q, n]) => {
      const camera = window.__bonemetViewer!.camera('mpr-sagittal')!;
      const cosine = Math.abs(camera.viewPlaneNormal.reduce((sum, v, k) => sum + v * n[k]!, 0));
      const distance = Math.abs(camera.focalPoint.reduce((sum, v, k) => sum + (v - q[k]!) * n[k]!, 0));
      return { cosine, distance };
    },
    [point, normal] as const,
  );
}

/** A Length record on a sagittal plane, as the viewer saves one drawn on the sagittal reformat. */
function sagittalLength(ids: { studyUid: string; seriesUid: string; frameOfReferenceUid: string }, points: [number, number, number][]): Annotation {
  const now = new Date().toISOString();
  return {
    schemaVersion: 2, id: randomUUID(), lesionId: null, studyInstanceUid: ids.studyUid, seriesInstanceUid: ids.seriesUid, sopInstanceUid: null, frameNumber: null,
    frameOfReferenceUid: ids.frameOfReferenceUid, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], tool: 'Length', points,
    text: null, measurements: {}, reader: TEST_READER.initials, createdAt: now, updatedAt: now,
  };
}

test('a Length drawn on the sagittal reformat gives the axial extent, is saved on its plane and is drawn again when the MPR reopens', async ({ page, host }) => {
  const phantom = await loadPhantom(host);
  const lesion = phantom.truth.lesions.find((l) => l.id === 'L1')!;
  const { first, last } = lesion.involvedSliceIndices;
  await openPhantom(page, host, phantom, Math.round((first + last) / 2));
  const panel = page.getByTestId('measurement-panel');
  await expect(panel).toHaveAttribute('data-save-state', 'saved');

  // The MPR, a Length drawn along the long axis on its sagittal view, with the mouse.
  await page.keyboard.press('m');
  const sagittal = viewportLocator(page, { seriesUid: phantom.seriesUid, orientation: 'sagittal' });
  expect(await settledStatus(sagittal)).toBe('rendered');
  await page.getByTestId('tool-Length').click();
  const box = (await sagittal.boundingBox())!;
  const x = box.x + box.width / 2;
  const drawn = await drawMeasurement(page, [{ x, y: box.y + box.height * 0.35 }, { x, y: box.y + box.height * 0.65 }]);
  expect(drawn.image).toBeNull();
  const drawnLength = drawn.stats.length as number;
  expect(drawnLength).toBeGreaterThan(10);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  const item = page.getByTestId('measurement').filter({ hasText: 'Length' });
  await expect(item.getByTestId('measurement-unsaved')).toHaveCount(0);

  // Stored on its plane: no source image, the sagittal normal, points in one sagittal plane, the same length.
  const [stored] = await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid });
  expect(stored).toMatchObject({ id: drawn.annotationUid, tool: 'Length', sopInstanceUid: null, frameNumber: null, seriesInstanceUid: phantom.seriesUid, frameOfReferenceUid: phantom.truth.frameOfReferenceUid });
  expect(Math.abs(stored!.viewPlaneNormal![0])).toBeCloseTo(1, 3);
  const [p, q] = stored!.points as [number, number, number][];
  expect(p![0]).toBeCloseTo(q![0], 3);
  expect(Math.hypot(p![0] - q![0], p![1] - q![1], p![2] - q![2])).toBeCloseTo(drawnLength, 2);
  expect(Math.abs(q![2] - p![2])).toBeGreaterThan(0.9 * drawnLength);

  // A new lesion whose axial involvement is linked from that Length.
  await item.getByRole('button').click();
  await expect(item).toHaveAttribute('data-selected', 'true');
  await page.getByTestId('lesion-new').click();
  await page.getByTestId('bone-search').fill('left femur diaphysis');
  await page.getByTestId('bone-search').press('Enter');
  await expect(page.getByTestId('lesion-laterality')).toHaveValue('left');
  await page.getByTestId('lesion-nature').selectOption('lytic');
  await page.getByTestId('link-axialInvolvementMm').click();
  const axialField = page.getByTestId('measured-axialInvolvementMm');
  await expect(axialField).toHaveAttribute('data-source', 'annotation');
  await expect(axialField).toContainText('measured');
  const axial = Number(await page.getByTestId('input-axialInvolvementMm').inputValue());
  expect(axial).toBeCloseTo(drawnLength, 1);
  await page.getByTestId('lesion-save').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  const [saved] = await hostRpc(host, 'lesions.list', { studyInstanceUid: phantom.studyUid });
  expect(saved!.lesion.axialInvolvementMm).toEqual({ value: expect.closeTo(drawnLength, 6), provenance: { source: 'annotation', annotationId: drawn.annotationUid } });
  await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: phantom.studyUid }))[0]!.lesionId).toBe(saved!.lesion.id);
  const valueText = await item.getByTestId('measurement-value').textContent();

  // Reload: the MPR comes back open on its planes, and the Length is drawn again on the sagittal view with the same value.
  const reloadedAt = new Date().toISOString();
  await page.reload();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  await expect(page.getByTestId('layout-mpr')).toHaveAttribute('aria-pressed', 'true');
  expect(await settledStatus(sagittal)).toBe('rendered');
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('measurement-value')).toHaveText(valueText!);
  // Drawn again (its text box carries its UID) on the sagittal view only, not on the axial one.
  const drawnOn = (viewport: typeof sagittal) => viewport.locator(`svg [data-annotation-uid="${drawn.annotationUid}"]`);
  await expect(drawnOn(sagittal)).toBeAttached();
  const axialMpr = viewportLocator(page, { seriesUid: phantom.seriesUid, orientation: 'axial' });
  expect(await settledStatus(axialMpr)).toBe('rendered');
  await expect(drawnOn(axialMpr)).toHaveCount(0);
  const restored = await page.evaluate(() => window.__bonemetViewer!.annotations());
  expect(restored.map((a) => [a.annotationUid, a.image])).toEqual([[drawn.annotationUid, null]]);
  expect(restored[0]!.stats.length as number).toBeCloseTo(drawnLength, 6);
  // Restoring it and recomputing its figures writes nothing.
  await expect(panel).toHaveAttribute('data-save-state', 'saved');
  const trail = await hostRpc(host, 'audit.trail', { entityId: drawn.annotationUid });
  expect(trail.filter((entry) => entry.at >= reloadedAt)).toEqual([]);

  // Scrolled away from the drawing's plane, the sagittal view no longer draws it; picking it in the
  // measurement list brings that view back onto its plane, with the camera still looking along it.
  const planeSlice = (await sagittal.getAttribute('data-slice-index'))!;
  const offPlane = () => sagittalOffPlane(page, p!, stored!.viewPlaneNormal!);
  expect((await offPlane()).distance).toBeLessThan(1);
  const sagittalBox = (await sagittal.boundingBox())!;
  await page.mouse.move(sagittalBox.x + sagittalBox.width / 2, sagittalBox.y + sagittalBox.height * 0.15);
  for (let guard = 0; (await offPlane()).distance < 5; guard++) {
    expect(guard, 'the wheel moves the sagittal view off the drawing\'s plane').toBeLessThan(60);
    const current = (await sagittal.getAttribute('data-slice-index'))!;
    await page.mouse.wheel(0, 100);
    await expect(sagittal).not.toHaveAttribute('data-slice-index', current);
  }
  await expect(drawnOn(sagittal)).toHaveCount(0);
  await item.getByRole('button').click();
  await expect(item).toHaveAttribute('data-selected', 'true');
  await expect(sagittal).toHaveAttribute('data-slice-index', planeSlice);
  await expect(drawnOn(sagittal)).toBeAttached();
  const back = await offPlane();
  expect(back.cosine).toBeCloseTo(1, 6);
  expect(back.distance).toBeLessThan(1);

  // With the reformat closed, picking it opens the reformat on its plane.
  await page.keyboard.press('m');
  await expect(sagittal).toHaveCount(0);
  await item.getByRole('button').click();
  expect(await settledStatus(sagittal)).toBe('rendered');
  await expect(drawnOn(sagittal)).toBeAttached();
  await expect.poll(async () => (await offPlane()).distance).toBeLessThan(1);

  // The lesion still says its axial involvement was measured from that Length.
  await page.getByTestId('lesion-item').getByRole('button').click();
  await expect(axialField).toHaveAttribute('data-source', 'annotation');
  expect(Number(await page.getByTestId('input-axialInvolvementMm').inputValue())).toBeCloseTo(axial, 2);
});

test('picking a reformat drawing whose series cannot be reformatted here says why and keeps the layout', async ({ page, host }) => {
  // A one-image radiograph study, and a drawing stored on a sagittal plane of it (as a record made
  // elsewhere, or before the series changed, would be): the viewer cannot open a reformat of a CR.
  await cliImport(host.dataDir, [path.join(SHARED_DICOM, 'pydicom/dicomdirtests/77654033/CR1')]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const seriesUid = series[0]!.seriesInstanceUid;
  const ids = { studyUid: study!.studyInstanceUid, seriesUid, frameOfReferenceUid: '2.25.1234567890' };
  await hostRpc(host, 'annotations.save', { annotation: sagittalLength(ids, [[10, 0, 0], [10, 0, 40]]) });

  await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, seriesUid)}`);
  expect(await settledStatus(viewportLocator(page, { seriesUid, orientation: 'stack' }))).toBe('rendered');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  const item = page.getByTestId('measurement').filter({ hasText: 'Length' });
  await item.getByRole('button').click();
  await expect(item).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('info-message')).toContainText('This drawing lies on a reformat of its series, which cannot be opened here: Reformats are offered for CT and MR series (this one is CR).');
  await expect(page.getByTestId('viewport-grid')).toHaveAttribute('data-layout', '1x1');
  await expect(viewportLocator(page, { orientation: 'sagittal' })).toHaveCount(0);
});

test('picking a stored sagittal drawing off the central plane opens the reformat on its plane', async ({ page, host }) => {
  const phantom = await loadPhantom(host);
  const { truth } = phantom;
  const lesion = truth.lesions.find((l) => l.id === 'L1')!;
  const femur = truth.femora.find((f) => f.side === lesion.side)!;
  // Along the femur's axis, through the lesion: a sagittal plane well away from the volume's centre,
  // where the reformat opens, so that only a move brings the drawing into view.
  const { geometry } = truth;
  const centreX = geometry.firstImagePositionPatient[0] + ((geometry.columns - 1) / 2) * geometry.pixelSpacingMm[1];
  expect(Math.abs(femur.centreXMm - centreX)).toBeGreaterThan(20);
  const points: [number, number, number][] = [[femur.centreXMm, femur.centreYMm, lesion.zStartMm], [femur.centreXMm, femur.centreYMm, lesion.zEndMm]];
  const record = sagittalLength({ studyUid: phantom.studyUid, seriesUid: phantom.seriesUid, frameOfReferenceUid: truth.frameOfReferenceUid }, points);
  await hostRpc(host, 'annotations.save', { annotation: record });

  await openPhantom(page, host, phantom, lesion.involvedSliceIndices.first);
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  const sagittal = viewportLocator(page, { seriesUid: phantom.seriesUid, orientation: 'sagittal' });
  await expect(sagittal).toHaveCount(0);
  const item = page.getByTestId('measurement').filter({ hasText: 'Length' });
  await item.getByRole('button').click();
  expect(await settledStatus(sagittal)).toBe('rendered');
  await expect.poll(async () => (await sagittalOffPlane(page, points[0]!, record.viewPlaneNormal!)).distance).toBeLessThan(1);
  expect((await sagittalOffPlane(page, points[0]!, record.viewPlaneNormal!)).cosine).toBeCloseTo(1, 6);
  await expect(sagittal.locator(`svg [data-annotation-uid="${record.id}"]`)).toBeAttached();
  // Measured again on the reformat's pixels where it lies: the lesion's axial extent.
  await expect(item.getByTestId('measurement-value')).toContainText(`${lesion.axialExtentMm.toFixed(2)} mm`);
});
