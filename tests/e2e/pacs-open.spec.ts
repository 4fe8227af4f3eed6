import fs from 'node:fs';
import path from 'node:path';
import { parseDicomWebTarget } from '../../electron/core/pacs/dicomweb/dicomweb-target';
import { readStowFile, stowRs } from '../../electron/core/pacs/dicomweb/stow-rs';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../support/orthanc-server';
import { startSlowProxy, type SlowProxy } from '../support/slow-pacs-proxy';
import { hostRpc } from './fixtures/host-api';
import { expect, SHARED_DICOM, startBrowserHost, test as base, type BrowserHost } from './fixtures/host';

// The study browser's PACS source against a real Orthanc holding the shared chest CT (72 slices of
// 512x512), reached through a loopback proxy that sends retrieves at 8 MB/s (about 5 s for the 38 MB): a slow link, so
// that the first image can be seen while the rest of the study is still arriving.
const CT_FOLDER = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
const SLICES = 72;

const test = base.extend<{ pacs: { orthanc: OrthancServer; proxy: SlowProxy; studyUid: string }; host: BrowserHost }>({
  pacs: async ({}, use) => {
    const orthanc = await startOrthanc();
    const files = fs.readdirSync(CT_FOLDER).filter((f) => f.endsWith('.dcm')).map((f) => readStowFile(path.join(CT_FOLDER, f)));
    expect(files).toHaveLength(SLICES);
    await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), files);
    const proxy = await startSlowProxy(orthanc.httpUrl, 8_000_000);
    await use({ orthanc, proxy, studyUid: files[0]!.studyInstanceUid });
    await proxy.stop();
    await orthanc.stop();
  },
  host: async ({}, use) => {
    const host = await startBrowserHost([SHARED_DICOM]);
    await use(host);
    await host.stop();
  },
});

test.skip(!fs.existsSync(ORTHANC_BINARY), `${ORTHANC_BINARY} is not installed (apt-get install orthanc orthanc-dicomweb)`);

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

  await row.getByTestId('pacs-open').click();
  const viewport = page.locator('[data-testid="viewport"][data-orientation="stack"]');
  await expect(viewport).toHaveAttribute('data-viewport-status', 'rendered', { timeout: 60_000 });
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
