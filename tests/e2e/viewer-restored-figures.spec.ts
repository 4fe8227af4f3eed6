import type { Annotation, AnnotationTool, WorldPoint } from '@shared/annotation/annotation';
import { clearFindings, CT_FOLDER, test } from './fixtures/ct-viewer';
import { expect, TEST_READER } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { frameOfReference, sliceFacts } from './fixtures/series-facts';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// The shared chest CT has 72 slices: the drawings lie on the 70th, the viewer opens on the 1st.
const STORED_SLICE = 70;

/** A world point on a slice, `along` mm on its rows and `down` mm on its columns from its first pixel. */
function onSlice(facts: ReturnType<typeof sliceFacts>, along: number, down: number): WorldPoint {
  const [rx, ry, rz, cx, cy, cz] = facts.orientation;
  const [x, y, z] = facts.position;
  return [x + along * rx + down * cx, y + along * ry + down * cy, z + along * rz + down * cz];
}

/** A drawing as the viewer stores it, on the stored slice, by the test's reader. */
function drawing(studyInstanceUid: string, seriesInstanceUid: string, id: string, tool: AnnotationTool, points: WorldPoint[], measurements: Record<string, number>): Annotation {
  const facts = sliceFacts(CT_FOLDER, STORED_SLICE);
  const now = new Date().toISOString();
  return {
    schemaVersion: 2, id, lesionId: null, studyInstanceUid, seriesInstanceUid, sopInstanceUid: facts.sop, frameNumber: 1,
    frameOfReferenceUid: frameOfReference(CT_FOLDER, facts.sop), viewPlaneNormal: null, viewUp: null,
    tool, points, text: null, measurements, reader: TEST_READER.initials, createdAt: now, updatedAt: now,
  };
}

test("a stored length and ellipse on a slice far from the one shown read their figures and units in the panel as the study opens, before any scroll", async ({ page, ct }) => {
  const facts = sliceFacts(CT_FOLDER, STORED_SLICE);
  const length = drawing(ct.studyUid, ct.seriesUid, 'a11e0000-0000-4000-8000-000000000001', 'Length', [onSlice(facts, 100, 100), onSlice(facts, 130, 140)], { length: 50 });
  const ellipse = drawing(ct.studyUid, ct.seriesUid, 'a11e0000-0000-4000-8000-000000000002', 'EllipticalROI', [onSlice(facts, 150, 140), onSlice(facts, 150, 160), onSlice(facts, 140, 150), onSlice(facts, 160, 150)], { area: 314.16, mean: 35.2, stdDev: 12, min: -10, max: 80 });
  await clearFindings(ct);
  for (const annotation of [length, ellipse]) await hostRpc(ct.host, 'annotations.save', { annotation });
  await page.goto(`${ct.host.url}${viewerHash(ct.studyUid, ct.seriesUid, 1)}`);

  const panel = page.getByTestId('measurement-panel');
  await expect(panel).toHaveAttribute('data-save-state', 'saved', { timeout: 60_000 });
  const viewport = viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  const shownSlice = await viewport.getAttribute('data-slice-index');
  const values = panel.getByTestId('measurement');
  await expect(values.filter({ hasText: 'Length' }).getByTestId('measurement-value')).toHaveText('50.00 mm');
  // The intensities are in HU: the drawing lies on a CT image (the SR writer's rule).
  await expect(values.filter({ hasText: 'Ellipse' }).getByTestId('measurement-value')).toHaveText('Area 314.16 mm² · mean 35.20 ± 12.00 HU · min -10.00 max 80.00');
  // Still on the slice the study opened on: nothing was scrolled to draw them.
  expect(await viewport.getAttribute('data-slice-index')).toBe(shownSlice);
  expect(Number(shownSlice)).toBeLessThan(STORED_SLICE - 10);
});
