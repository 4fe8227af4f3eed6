import { makeLesion, typed } from '../support/lesion-fixtures';
import { restoreLesionsFromElsewhere } from '../support/lesions-from-elsewhere';
import { freePort, type OrthancServer } from '../support/orthanc-server';
import { hostRpc } from './fixtures/host-api';
import { expect } from './fixtures/host';
import { CT_SLICES as SLICES, testWithPacsCt } from './fixtures/pacs-ct';

// The study browser's PACS source against a real Orthanc holding the shared chest CT (72 slices of
// 512x512), reached through a loopback proxy that sends retrieves at 8 MB/s (about 5 s for the 38 MB): a slow link, so
// that the first image can be seen while the rest of the study is still arriving.
const test = testWithPacsCt(8_000_000);

/** Init script: the retrieve's progress shown when the first image renders, as "done/total" ("none" if no retrieve was shown). */
function recordProgressAtFirstImage(): void {
  const w = window as unknown as { __progressAtFirstImage?: string };
  new MutationObserver(() => {
    if (w.__progressAtFirstImage !== undefined || !document.querySelector('[data-testid="viewport"][data-viewport-status="rendered"]')) return;
    const progress = document.querySelector('[data-testid="retrieve-banner"] [data-testid="retrieve-progress"]');
    w.__progressAtFirstImage = progress ? `${progress.getAttribute('data-done')}/${progress.getAttribute('data-total')}` : 'none';
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-viewport-status'] });
}

test('a PACS search finds the CT; Open shows its first image while it arrives, and then it is on this workstation', async ({ page, host, pacs }) => {
  await hostRpc(host, 'pacs.set', { url: `${pacs.proxy.url}/dicom-web` });
  await page.addInitScript(recordProgressAtFirstImage);
  await page.goto(host.url);
  await page.getByTestId('source-pacs').click();
  await page.getByTestId('pacs-search-modality').selectOption('CT');
  await page.getByTestId('pacs-search-patientId').fill('0314');
  await page.getByTestId('pacs-search-submit').click();
  const row = page.locator(`[data-testid="pacs-study-row"][data-study-uid="${pacs.studyUid}"]`);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('pacs-study-modalities')).toHaveText('CT');
  await expect(row.getByTestId('pacs-study-instances')).toHaveText(String(SLICES));
  await row.getByTestId('pacs-study-patient-name').click();
  await expect(page.getByTestId('pacs-series-row')).toHaveCount(1);
  await expect(page.getByTestId('pacs-series-count')).toHaveText(`${SLICES} instances`);

  const shown = page.waitForRequest((request) => request.url().endsWith('/rpc/pacs.retrieveShown'), { timeout: 60_000 });
  await row.getByTestId('pacs-open').click();
  const viewport = page.locator('[data-testid="viewport"][data-orientation="stack"]');
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  // The retrieve, held after the first slice for the viewer, is told the image is shown and reads on.
  expect(JSON.parse((await shown).postData() ?? '{}')).toEqual({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  const atFirstImage = await page.evaluate(() => (window as unknown as { __progressAtFirstImage?: string }).__progressAtFirstImage);
  const [done, total] = (atFirstImage ?? '').split('/').map(Number);
  expect(total, `progress at the first image: ${atFirstImage}`).toBe(SLICES);
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(SLICES);
  await expect(page.getByTestId('retrieve-progress')).toHaveAttribute('data-state', 'running');

  // The rest arrives: the banner goes, and the stack grows to every slice.
  await expect(page.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 60_000 });
  await expect(viewport).toHaveAttribute('data-slice-count', String(SLICES), { timeout: 30_000 });

  await page.goto(`${host.url}#/studies`);
  await page.getByTestId('source-local').click();
  const local = page.locator(`[data-testid="study-row"][data-study-uid="${pacs.studyUid}"]`);
  await expect(local.getByTestId('study-instance-count')).toHaveText(String(SLICES));
});

/** The Series Instance UIDs of a study on a PACS, by its own QIDO-RS (independent of the app). */
async function seriesOnPacs(orthanc: OrthancServer, studyUid: string): Promise<string[]> {
  const answer = (await (await fetch(`${orthanc.dicomWebUrl}/studies/${studyUid}/series`)).json()) as { '0020000E': { Value: [string] } }[];
  return answer.map((s) => s['0020000E'].Value[0]);
}

test("a lesion from the team whose images are not here is retrieved on demand; with no PACS, an unreachable one or one without the study, the page says so and the app goes on", async ({ page, host, pacs }) => {
  const [seriesUid] = await seriesOnPacs(pacs.orthanc, pacs.studyUid);
  // Two lesions recorded at another workstation: one on the CT the PACS holds, one on a study it does not.
  const onPacs = makeLesion({ id: 'e2ec0000-0000-4000-8000-0000000000a1', trackingUid: '2.25.16160101', studyInstanceUid: pacs.studyUid, seriesInstanceUid: seriesUid!, nature: 'lytic', axialInvolvementMm: typed(41) });
  const nowhere = makeLesion({ id: 'e2ec0000-0000-4000-8000-0000000000a2', trackingUid: '2.25.16160102', studyInstanceUid: '2.25.16160199', seriesInstanceUid: '2.25.16160199.1', nature: 'lytic' });
  restoreLesionsFromElsewhere(host.dataDir, [onPacs, nowhere], 'AB');
  const onDemand = page.getByTestId('study-on-demand');
  const reason = page.getByTestId('study-on-demand-reason');

  // No PACS configured: said so, with what to do, instead of an empty viewer.
  await page.goto(`${host.url}#/lesion/${onPacs.id}`);
  await expect(onDemand).toHaveAttribute('data-state', 'failed');
  await expect(onDemand).toContainText('The images of this study are not on this workstation, and they could not be retrieved from the PACS.');
  await expect(reason).toHaveText(/^No PACS is configured: set its DICOMweb URL in PACS settings/);
  await expect(page.getByTestId('viewport')).toHaveCount(0);

  // A PACS nobody answers at: Try again says that.
  const nobody = `http://127.0.0.1:${await freePort()}/dicom-web`;
  await hostRpc(host, 'pacs.set', { url: nobody });
  await page.getByTestId('study-on-demand-retry').click();
  await expect(reason).toContainText(`nothing answers at ${nobody}/studies/${pacs.studyUid}`);
  await expect(reason).toContainText('(connection refused). Is the server running, and are the host and port right?');

  // The PACS that holds it (over the slow link): progress while the series comes, then the lesion on its image.
  await hostRpc(host, 'pacs.set', { url: `${pacs.proxy.url}/dicom-web` });
  await page.getByTestId('study-on-demand-retry').click();
  const progress = onDemand.getByTestId('retrieve-progress');
  await expect(progress).toHaveAttribute('data-state', 'running');
  await expect(progress).toHaveAttribute('data-total', String(SLICES));
  const viewport = page.locator(`[data-testid="viewport"][data-orientation="stack"][data-series-uid="${seriesUid}"]`);
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(viewport).toHaveAttribute('data-slice-count', String(SLICES));
  await expect(page.locator(`[data-testid="lesion-item"][data-lesion-id="${onPacs.id}"]`)).toHaveAttribute('data-selected', 'true');

  // A lesion whose study the PACS does not hold: said so; the app goes on (the worklist opens).
  await page.goto(`${host.url}#/lesion/${nowhere.id}`);
  await expect(reason).toHaveText(`The PACS at ${pacs.proxy.url}/dicom-web lists no instance of series ${nowhere.seriesInstanceUid} of study ${nowhere.studyInstanceUid}: it may have been deleted or moved. Search again.`);
  await onDemand.getByRole('link', { name: 'Go to the worklist' }).click();
  await expect(page.getByTestId('worklist-page')).toBeVisible();
});

test('a page that loses track of a retrieve says so and offers Open again; a passing failure to ask its progress is asked again', async ({ page, host, pacs }) => {
  await hostRpc(host, 'pacs.set', { url: `${pacs.proxy.url}/dicom-web` });
  await page.goto(host.url);
  await page.getByTestId('source-pacs').click();
  await page.getByTestId('pacs-search-patientId').fill('0314');
  await page.getByTestId('pacs-search-submit').click();
  const row = page.locator(`[data-testid="pacs-study-row"][data-study-uid="${pacs.studyUid}"]`);
  const open = row.getByTestId('pacs-open');

  // The host no longer knows the job (as after a restart of the host): the row says so, not "Retrieving" for ever.
  const gone = { ok: false, error: { code: 'not_found', message: 'No retrieve job 00000000-0000-4000-8000-000000000000 in this session.' } };
  await page.route('**/rpc/pacs.retrieveStatus', (route) => route.fulfill({ json: gone }));
  await open.click();
  await expect(page.getByTestId('retrieve-progress')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('retrieve-error')).toHaveText(
    'This page lost track of the retrieve (No retrieve job 00000000-0000-4000-8000-000000000000 in this session). Opening the study again resumes.',
  );
  await expect(open).toBeEnabled();

  // Open again, the first two asks for its progress failing on the way (a busy or restarting host): followed to the end.
  await page.unroute('**/rpc/pacs.retrieveStatus');
  let refused = 0;
  await page.route('**/rpc/pacs.retrieveStatus', (route) => (refused++ < 2 ? route.abort('connectionreset') : route.continue()));
  await open.click();
  const viewport = page.locator('[data-testid="viewport"][data-orientation="stack"]');
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
  await expect(page.getByTestId('retrieve-banner')).toHaveCount(0, { timeout: 60_000 });
  await expect(viewport).toHaveAttribute('data-slice-count', String(SLICES), { timeout: 30_000 });
  expect(refused).toBeGreaterThan(2);
});
