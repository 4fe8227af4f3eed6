import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fromAnnotation, makeLesion, typed } from '../support/lesion-fixtures';
import { CT_FOLDER } from './fixtures/ct-viewer';
import { expect, test, type BrowserHost } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { frameOfReference } from './fixtures/series-facts';
import { settledStatus, sliceOfInstance, viewportLocator } from './fixtures/viewer';

const ANNOTATION_ID = 'e2e0a000-0000-4000-8000-0000000000a1';
const LESION_ID = 'e2e00000-0000-4000-8000-0000000000a1';

/** The chest CT with one final urgent lesion by E2E whose outline on slice 41 is attached; then surgeon CD signs in. */
async function attachedOutlineLesion(host: BrowserHost) {
  await cliImport(host.dataDir, [CT_FOLDER]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const seriesUid = series[0]!.seriesInstanceUid;
  const instances = await hostRpc(host, 'series.instances', { seriesInstanceUid: seriesUid });
  const drawn = instances[40]!;
  const [x, y, z] = drawn.imagePositionPatient!;
  const now = new Date().toISOString();
  const annotation: Annotation = {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    id: ANNOTATION_ID,
    lesionId: null,
    studyInstanceUid: study!.studyInstanceUid,
    seriesInstanceUid: seriesUid,
    sopInstanceUid: drawn.sopInstanceUid,
    frameNumber: 1,
    frameOfReferenceUid: frameOfReference(CT_FOLDER, drawn.sopInstanceUid),
    viewPlaneNormal: null,
    viewUp: null,
    tool: 'Length',
    points: [[x + 100, y + 150, z], [x + 150, y + 150, z]],
    text: null,
    measurements: { length: 50 },
    reader: 'E2E',
    createdAt: now,
    updatedAt: now,
  };
  await hostRpc(host, 'annotations.save', { annotation });
  const lesion = makeLesion({
    id: LESION_ID, studyInstanceUid: study!.studyInstanceUid, seriesInstanceUid: seriesUid, reader: 'E2E', status: 'final',
    nature: 'lytic', axialInvolvementMm: typed(41), attachedAnnotationIds: [ANNOTATION_ID], createdAt: now, updatedAt: now,
  });
  await hostRpc(host, 'lesions.save', { lesion });
  await hostRpc(host, 'reader.set', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
  return { seriesUid, instances, drawn };

}

// A lesion's sizes typed, its extent outlined with a drawing attached to it (no value taken from
// it): the surgeon's click on the worklist row must land on that drawing's slice, not on slice 1.
test('a lesion whose only drawing is attached, not measured, opens from the worklist on that drawing\'s slice', async ({ page, host }) => {
  const { seriesUid, instances, drawn } = await attachedOutlineLesion(host);
  await page.goto(host.url);
  await expect(page).toHaveURL(/#\/worklist$/);
  await page.locator(`[data-testid="worklist-row"][data-lesion-id="${LESION_ID}"]`).click();
  const viewport = viewportLocator(page, { seriesUid, orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  await expect(page.locator(`[data-testid="lesion-item"][data-lesion-id="${LESION_ID}"]`)).toHaveAttribute('data-selected', 'true');
  await expect(viewport).toHaveAttribute('data-slice-index', String(sliceOfInstance(instances, drawn.id)));
});

// A comment holding a long unbroken token (a link to a prior, an accession list) is read whole in
// the decisions panel: wrapped, never cut off at the panel's edge or pushing the panel wider.
test('a decision whose comment holds a long link is shown whole, wrapped inside the decisions panel', async ({ page, host }) => {
  await attachedOutlineLesion(host);
  await page.goto(`${host.url}#/lesion/${LESION_ID}`);
  const panel = page.getByTestId('review-panel');
  const link = `https://pacs.example.org/viewer/studies/1.2.826.0.1.3680043.8.498.111/series/${'7'.repeat(120)}`;
  await panel.getByTestId('review-decision-radiotherapy').check();
  await panel.getByTestId('review-comment-input').fill(`Compare ${link} first.`);
  await panel.getByTestId('review-save').click();
  const comment = panel.getByTestId('review-comment');
  await expect(comment).toHaveText(`Compare ${link} first.`);
  // Nothing of it lies outside its box, and its box lies inside the panel.
  const fit = await comment.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const panelBox = element.closest('[data-testid="review-panel"]')!.getBoundingClientRect();
    return { overflow: element.scrollWidth - element.clientWidth, pastPanel: Math.round(box.right - panelBox.right) };
  });
  expect(fit.overflow).toBe(0);
  expect(fit.pastPanel).toBeLessThanOrEqual(0);
  expect(await page.getByTestId('lesion-panel').evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
});

// The lesion recorded while the first series' viewport was active, its size measured on a second
// series of the study (a 1×2 comparison): the worklist's click opens the series that holds the
// drawing, on its slice, not the first slice of the other series.
test('a lesion measured on another series of its study opens from the worklist on that series, at the drawing', async ({ page, host }) => {
  const copy = fs.mkdtempSync(path.join(host.dataDir, 'second-series-'));
  for (const name of fs.readdirSync(CT_FOLDER).filter((n) => n.endsWith('.dcm'))) fs.copyFileSync(path.join(CT_FOLDER, name), path.join(copy, name));
  execFileSync('dcmodify', ['-nb', '-gin', '-i', 'SeriesInstanceUID=1.2.826.0.1.3680043.8.498.4243', '-i', 'SeriesNumber=2', ...fs.readdirSync(copy).map((n) => path.join(copy, n))]);
  await cliImport(host.dataDir, [CT_FOLDER, copy]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const first = series.find((s) => s.seriesInstanceUid !== '1.2.826.0.1.3680043.8.498.4243')!.seriesInstanceUid;
  const second = '1.2.826.0.1.3680043.8.498.4243';
  const instances = await hostRpc(host, 'series.instances', { seriesInstanceUid: second });
  const drawn = instances[40]!;
  const [x, y, z] = drawn.imagePositionPatient!;
  // The copy keeps the original's frame of reference.
  const frame = frameOfReference(CT_FOLDER, (await hostRpc(host, 'series.instances', { seriesInstanceUid: first }))[0]!.sopInstanceUid);
  const now = new Date().toISOString();
  const annotation: Annotation = {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: ANNOTATION_ID, lesionId: null, studyInstanceUid: study!.studyInstanceUid, seriesInstanceUid: second,
    sopInstanceUid: drawn.sopInstanceUid, frameNumber: 1, frameOfReferenceUid: frame,
    viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[x + 100, y + 150, z], [x + 145, y + 150, z]], text: null, measurements: { length: 45 },
    reader: 'E2E', createdAt: now, updatedAt: now,
  };
  await hostRpc(host, 'annotations.save', { annotation });
  await hostRpc(host, 'lesions.save', {
    lesion: makeLesion({
      id: LESION_ID, studyInstanceUid: study!.studyInstanceUid, seriesInstanceUid: first, reader: 'E2E', status: 'final', nature: 'lytic',
      largestDimensionMm: fromAnnotation(45, ANNOTATION_ID), axialInvolvementMm: typed(41), createdAt: now, updatedAt: now,
    }),
  });
  await hostRpc(host, 'reader.set', { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });

  await page.goto(host.url);
  await page.locator(`[data-testid="worklist-row"][data-lesion-id="${LESION_ID}"]`).click();
  const viewport = viewportLocator(page, { seriesUid: second, orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  await expect(viewport).toHaveAttribute('data-slice-index', String(sliceOfInstance(instances, drawn.id)));
});
