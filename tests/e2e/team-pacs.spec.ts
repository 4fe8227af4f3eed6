import type { Page } from '@playwright/test';
import { makeLesion, typed } from '../support/lesion-fixtures';
import { freePort, startOrthanc, type OrthancServer } from '../support/orthanc-server';
import { teamInstancesOn } from '../support/orthanc-team-instances';
import { stowFolder } from '../support/stow-folder';
import { CT_FOLDER } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM, startBrowserHost, test, type BrowserHost } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { drawLength, settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// Issue 16 end to end: two workstations on two data folders (A: radiologist AB, B: surgeon CD),
// one real Orthanc with its DICOMweb plugin on loopback, each workstation in its own Chromium page.
// The CT lives on the PACS only: A opens it from the study browser's PACS source, B's lesion page
// retrieves it on demand.

/** Init script: every running retrieve's progress the lesion page showed before its viewer rendered, as "done/total". */
function recordOnDemandProgress(): void {
  const w = window as unknown as { __onDemandProgress?: string[] };
  w.__onDemandProgress = [];
  new MutationObserver(() => {
    if (document.querySelector('[data-testid="viewport"]')) return;
    const progress = document.querySelector('[data-testid="study-on-demand"] [data-testid="retrieve-progress"][data-state="running"]');
    const shown = progress && `${progress.getAttribute('data-done')}/${progress.getAttribute('data-total')}`;
    if (shown && w.__onDemandProgress!.at(-1) !== shown) w.__onDemandProgress!.push(shown);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-done', 'data-total', 'data-state'] });
}

/** Sets the team's PACS in the header's PACS settings, as a user does. */
async function setPacs(page: Page, url: string, seconds: number): Promise<void> {
  await page.getByTestId('pacs-settings-open').click();
  await page.getByTestId('pacs-url').fill(url);
  await page.getByTestId('pacs-sync-interval').fill(String(seconds));
  await page.getByTestId('pacs-save').click();
  await expect(page.getByTestId('pacs-settings')).toHaveCount(0);
}

test('a lesion recorded on A reaches B after Sync, B decides, and A sees the decision', async ({ browser }) => {
  test.setTimeout(300_000);
  let orthanc: OrthancServer | undefined;
  let a: BrowserHost | undefined;
  let b: BrowserHost | undefined;
  try {
    [orthanc, a, b] = await Promise.all([
      startOrthanc(),
      startBrowserHost([SHARED_DICOM], { reader: { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } }),
      startBrowserHost([SHARED_DICOM], { reader: { initials: 'CD', name: 'Carl Dahl', role: 'surgeon' } }),
    ]);
    const pageA = await (await browser.newContext()).newPage();
    const pageB = await (await browser.newContext()).newPage();
    await pageB.addInitScript(recordOnDemandProgress);

    // The CT is on the PACS (as the scanner left it), on neither workstation.
    const { studyInstanceUid: studyUid, instances } = await stowFolder(orthanc, CT_FOLDER);
    expect(instances).toBe(72);
    expect(await hostRpc(a, 'studies.search', {})).toEqual([]);

    // A finds it in the study browser's PACS source and opens it: it is retrieved into A's cache.
    await pageA.goto(a.url);
    await setPacs(pageA, orthanc.dicomWebUrl, 5);
    await pageA.getByTestId('source-pacs').click();
    await pageA.getByTestId('pacs-search-modality').selectOption('CT');
    await pageA.getByTestId('pacs-search-patientId').fill('0314');
    await pageA.getByTestId('pacs-search-submit').click();
    const found = pageA.locator(`[data-testid="pacs-study-row"][data-study-uid="${studyUid}"]`);
    await expect(found.getByTestId('pacs-study-instances')).toHaveText('72');
    await found.getByTestId('pacs-open').click();
    await expect(pageA.locator('[data-testid="viewport"][data-orientation="stack"]')).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
    await expect(pageA.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 60_000 });
    const seriesUid = (await hostRpc(a, 'studies.get', { studyInstanceUid: studyUid })).series[0]!.seriesInstanceUid;
    await expect(pageA).toHaveURL(new RegExp(`#/study/${studyUid}/series/${seriesUid}$`));
    expect((await hostRpc(a, 'studies.get', { studyInstanceUid: studyUid })).series[0]!.instanceCount).toBe(72);

    // A sets a PACS nobody answers at: what A records waits, and the header says why.
    await pageA.goto(`${a.url}${viewerHash(studyUid, seriesUid, 30)}`);
    await setPacs(pageA, `http://127.0.0.1:${await freePort()}/dicom-web`, 5);
    await drawLength(pageA, viewportLocator(pageA, { seriesUid, orientation: 'stack' }));
    await expect(pageA.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
    await pageA.getByTestId('lesion-new').click();
    await pageA.getByTestId('bone-search').fill('left femur');
    await pageA.getByTestId('bone-search').press('Enter');
    await pageA.getByTestId('lesion-nature').selectOption('lytic');
    await pageA.getByTestId('input-axialInvolvementMm').fill('41');
    // The Length is the largest dimension: the lesion opens on its slice, wherever it is opened.
    await pageA.getByTestId('measurement').getByRole('button').first().click();
    await pageA.getByTestId('link-largestDimensionMm').click();
    await expect(pageA.getByTestId('measured-largestDimensionMm')).toHaveAttribute('data-source', 'annotation');
    await pageA.getByTestId('lesion-status').selectOption('final');
    await pageA.getByTestId('lesion-save').click();
    await expect.poll(async () => (await hostRpc(a!, 'lesions.list', { studyInstanceUid: studyUid })).length).toBe(1);
    const { lesion, scores } = (await hostRpc(a, 'lesions.list', { studyInstanceUid: studyUid }))[0]!;
    expect(scores.urgency.level).toBe('urgent');
    const drawingId = lesion.largestDimensionMm?.provenance.source === 'annotation' ? lesion.largestDimensionMm.provenance.annotationId : '';
    const waiting = pageA.getByTestId('outbox-waiting');
    await expect(waiting).toHaveText('1 waiting to be sent · PACS unreachable');
    await expect(waiting).toHaveAttribute('data-reason', 'unreachable');

    // The real PACS: the app sends on its own, within seconds, and the header says it synced.
    await setPacs(pageA, orthanc.dicomWebUrl, 5);
    await expect(pageA.getByTestId('sync-state')).toHaveText(/^Synced \d/, { timeout: 30_000 });
    await expect.poll(async () => (await teamInstancesOn(orthanc!)).map((i) => i.seriesDescription)).toEqual(['BoneMet-team AB Anna Berg']);

    // B: the surgeon's worklist, Sync now: A's urgent lesion, from A's workstation.
    await pageB.goto(b.url);
    await setPacs(pageB, orthanc.dicomWebUrl, 30);
    // (The app's own timer may fetch it first: then Sync now finds nothing more.)
    await pageB.getByTestId('sync-now').click();
    await expect(pageB.getByTestId('info-message')).toContainText(/Synced with the PACS: 0 sent, [01] received\./);
    const row = pageB.locator(`[data-testid="worklist-row"][data-lesion-id="${lesion.id}"]`);
    await expect(row).toHaveAttribute('data-urgency', 'urgent');
    await expect(row.getByTestId('worklist-reader')).toContainText('AB');
    await expect(row.getByTestId('worklist-origin')).toHaveText(/^from .+/);

    // The lesion's study is not on B: opening the lesion retrieves it from the PACS, with progress,
    // then shows the lesion's slice.
    expect(await hostRpc(b, 'studies.search', {})).toEqual([]);
    await row.click();
    await expect(pageB).toHaveURL(new RegExp(`#/lesion/${lesion.id}$`));
    const viewportB = viewportLocator(pageB, { seriesUid, orientation: 'stack' });
    expect(await settledStatus(viewportB)).toBe('rendered');
    const progressSeen = await pageB.evaluate(() => (window as unknown as { __onDemandProgress?: string[] }).__onDemandProgress ?? []);
    expect(progressSeen.length, 'the retrieve\'s progress was shown before the image').toBeGreaterThan(0);
    expect((await hostRpc(b, 'studies.get', { studyInstanceUid: studyUid })).series[0]!.instanceCount).toBe(72);
    await expect(viewportB).toHaveAttribute('data-slice-count', '72');
    // A's drawing on the image, A's lesion read-only with where it came from.
    await expect(viewportB).toHaveAttribute('data-slice-index', '30');
    await expect(viewportB.locator(`svg [data-annotation-uid="${drawingId}"]`).first()).toBeAttached();
    await expect(pageB.getByTestId('lesion-received')).toContainText('Recorded by AB (Anna Berg) on workstation');
    await expect(pageB.getByTestId('lesion-form')).toHaveAttribute('data-readonly', 'true');
    const panel = pageB.getByTestId('review-panel');
    await panel.getByTestId('review-decision-radiotherapy').check();
    await panel.getByTestId('review-comment-input').fill('RT before fixation');
    await panel.getByTestId('review-save').click();
    await expect(panel.getByTestId('review-decision')).toHaveText('Radiotherapy');
    await expect.poll(async () => (await teamInstancesOn(orthanc!)).map((i) => i.seriesDescription).sort(), { timeout: 30_000 }).toEqual(['BoneMet-team AB Anna Berg', 'BoneMet-team CD Carl Dahl']);

    // A: Sync now; the decision is on A's lesion.
    await pageA.getByTestId('sync-now').click();
    await expect(pageA.getByTestId('info-message').last()).toContainText(/Synced with the PACS: 0 sent, [01] received\./);
    await pageA.locator(`[data-testid="lesion-item"][data-lesion-id="${lesion.id}"]`).getByRole('button').focus();
    await pageA.keyboard.press('Enter');
    const seen = pageA.getByTestId('review-panel');
    await expect(seen.getByTestId('review-decision')).toHaveText('Radiotherapy');
    // Named as B's publication named its reader, and received: never to be taken for a decision made here.
    await expect(seen.getByTestId('review-by')).toContainText('Carl Dahl (CD) · Surgeon');
    await expect(seen.getByTestId('review-origin')).toContainText('received from workstation');
    await expect(seen.getByTestId('review-comment')).toHaveText('RT before fixation');
  } finally {
    await Promise.all([a?.stop(), b?.stop(), orthanc?.stop()]);
  }
});

test("a different version of a lesion kept here, received from another workstation, is kept beside it and shown under it", async ({ page }) => {
  test.setTimeout(180_000);
  let orthanc: OrthancServer | undefined;
  let a: BrowserHost | undefined;
  let b: BrowserHost | undefined;
  try {
    // The same radiologist's lesion on two workstations (the record restored on both, then changed on both).
    const reader = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' };
    [orthanc, a, b] = await Promise.all([startOrthanc(), startBrowserHost([SHARED_DICOM], { reader }), startBrowserHost([SHARED_DICOM], { reader })]);
    await Promise.all([cliImport(a.dataDir, [CT_FOLDER]), cliImport(b.dataDir, [CT_FOLDER])]);
    const [study] = await hostRpc(a, 'studies.search', {});
    const seriesUid = (await hostRpc(a, 'studies.get', { studyInstanceUid: study!.studyInstanceUid })).series[0]!.seriesInstanceUid;
    const lesion = makeLesion({ id: 'e2ec0000-0000-4000-8000-000000000001', trackingUid: '2.25.16160001', studyInstanceUid: study!.studyInstanceUid, seriesInstanceUid: seriesUid, nature: 'lytic', axialInvolvementMm: typed(41), status: 'final' });
    await hostRpc(a, 'lesions.save', { lesion: { ...lesion, note: 'as changed on A', updatedAt: new Date().toISOString() } });
    await hostRpc(b, 'lesions.save', { lesion: { ...lesion, note: 'as changed on B', updatedAt: new Date().toISOString() } });
    for (const host of [a, b]) await hostRpc(host, 'pacs.set', { url: orthanc.dicomWebUrl, syncIntervalSeconds: 3600 });
    // A sends its version (pacs.set may have started the app's own sync first: then this one sends nothing).
    const synced = await hostRpc(a, 'pacs.sync', {});
    expect(synced.errors).toEqual([]);
    expect(synced.published).toBeLessThanOrEqual(1);
    await expect.poll(async () => (await hostRpc(a!, 'pacs.outbox', {})).waiting).toBe(0);

    await page.goto(`${b.url}#/lesion/${lesion.id}`);
    // B sends its own version and receives A's (the app's timer may have done it first).
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('info-message')).toContainText(/Synced with the PACS: [01] sent, [01] received\./);
    await expect.poll(async () => (await hostRpc(b!, 'pacs.outbox', {})).waiting).toBe(0);
    const note = page.getByTestId('lesion-conflicts');
    await expect(note).toContainText('Another version was received; both are kept, this one stays in use.');
    await expect(note.getByTestId('lesion-conflict')).toContainText(/This lesion as AB \(Anna Berg\) recorded it on .+ \(version 1, received .+\): differs at note; its note: "as changed on A"/);
    // The one here is unchanged, and still B's to change.
    await expect(page.getByTestId('lesion-form')).toHaveAttribute('data-readonly', 'false');
    expect((await hostRpc(b, 'lesions.get', { id: lesion.id })).lesion.note).toBe('as changed on B');
  } finally {
    await Promise.all([a?.stop(), b?.stop(), orthanc?.stop()]);
  }
});
