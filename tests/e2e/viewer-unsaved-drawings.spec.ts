import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { clearFindings, CT_FOLDER, openCt, test } from './fixtures/ct-viewer';
import { expect, startBrowserHost, type BrowserHost } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { drawLength, settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A drawing the store does not hold is never dropped silently: leaving the viewer with one asks
// the reader (stay, name yourself and save, or leave and drop it), and a save that failed is shown
// at its drawing with the reason and tried again by itself.

/** A host with nobody signed in and the chest CT imported, its viewer open with the sign-in dialog put off. */
async function openCtSignedOut(page: Page): Promise<{ host: BrowserHost; studyUid: string; seriesUid: string }> {
  const host = await startBrowserHost(undefined, { reader: null });
  await cliImport(host.dataDir, [CT_FOLDER]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const [studyUid, seriesUid] = [study!.studyInstanceUid, series[0]!.seriesInstanceUid];
  await page.goto(`${host.url}${viewerHash(studyUid, seriesUid, 30)}`);
  await page.getByTestId('reader-later').click();
  await drawLength(page, viewportLocator(page, { seriesUid, orientation: 'stack' }));
  await expect(page.getByTestId('measurement-unsaved')).toHaveText('not saved yet: sign in (reader chip in the header) and it will be');
  return { host, studyUid, seriesUid };
}

test('with no reader named, leaving the viewer is held: Stay keeps the drawing; leaving after all drops it, and the study has none', async ({ page }) => {
  const { host, studyUid, seriesUid } = await openCtSignedOut(page);
  try {
    const viewerAddress = viewerHash(studyUid, seriesUid, 30);
    const dialog = page.getByTestId('leave-unsaved');
    await page.getByTestId('nav-studies').click();
    await expect(dialog.getByTestId('leave-unsaved-item')).toHaveText(['Length: not saved yet: sign in (reader chip in the header) and it will be']);
    await expect(dialog.getByTestId('leave-name-reader')).toBeVisible();
    await dialog.getByTestId('leave-stay').click();
    await expect(dialog).toHaveCount(0);
    expect(new URL(page.url()).hash).toBe(viewerAddress);
    await expect(page.getByTestId('measurement')).toHaveCount(1);

    // The viewer's own Back link is held the same way; this time the reader leaves knowing.
    await page.getByTestId('viewer-back').click();
    await expect(dialog.getByTestId('leave-unsaved-summary')).toHaveText('1 drawing on this study is not saved: leaving the viewer drops it.');
    await dialog.getByTestId('leave-drop').click();
    await expect(page.getByTestId('viewer-page')).toHaveCount(0);
    expect(new URL(page.url()).hash).toBe(`#/study/${studyUid}`);
    expect(await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid, allReaders: true })).toEqual([]);
    // Nothing was kept behind: the viewer opened again lists no drawing.
    await page.evaluate((hash) => (window.location.hash = hash), viewerAddress);
    expect(await settledStatus(viewportLocator(page, { seriesUid, orientation: 'stack' }))).toBe('rendered');
    await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
    await expect(page.getByTestId('measurement')).toHaveCount(0);
  } finally {
    await host.stop();
  }
});

test('with no reader named, naming the reader from the leave dialog saves the drawing under them and goes on to the worklist', async ({ page }) => {
  const { host, studyUid } = await openCtSignedOut(page);
  try {
    await page.getByTestId('nav-worklist').click();
    await page.getByTestId('leave-unsaved').getByTestId('leave-name-reader').click();
    await page.getByTestId('reader-initials').fill('CD');
    await page.getByTestId('reader-name').fill('Cara Dunn');
    await page.getByTestId('reader-save').click();
    await expect.poll(() => new URL(page.url()).hash).toBe('#/worklist');
    await expect(page.getByTestId('leave-unsaved')).toHaveCount(0);
    const stored = await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid, allReaders: true });
    expect(stored.map((a) => [a.tool, a.reader])).toEqual([['Length', 'CD']]);
    expect(stored[0]!.measurements.length).toBeGreaterThan(1);
  } finally {
    await host.stop();
  }
});

test("a save failed on a database busy with another process is shown at the drawing with the reason, holds leaving (the browser's Back too), and is saved by itself once the database is free", async ({ page, ct }) => {
  await clearFindings(ct);
  // The viewer opened from the study browser, so that the browser's Back leads there.
  await page.goto(`${ct.host.url}#/studies`);
  await expect(page.getByTestId('study-row')).toHaveCount(1);
  await page.evaluate((hash) => (window.location.hash = hash), viewerHash(ct.studyUid, ct.seriesUid, 30));
  const viewport = viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' });
  expect(await settledStatus(viewport)).toBe('rendered');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');

  // Another process (a CLI import, say) holds the database's write lock: the host's save waits 5 s, then fails.
  const other = new Database(path.join(ct.host.dataDir, 'bonemet.sqlite'));
  let held = true;
  other.prepare('BEGIN IMMEDIATE').run();
  try {
    await drawLength(page, viewport);
    const reason = 'not saved: The BoneMet database is busy with another process (an import, or the CLI). Try again in a moment. Saving it again by itself in a few seconds.';
    await expect(page.getByTestId('measurement').getByTestId('measurement-unsaved')).toHaveText(reason, { timeout: 20_000 });

    const dialog = page.getByTestId('leave-unsaved');
    // The browser's Back is held too: the viewer stays at its address.
    await page.goBack({ waitUntil: 'commit' });
    await expect(dialog.getByTestId('leave-unsaved-item')).toHaveText([`Length: ${reason}`]);
    expect(new URL(page.url()).hash).toBe(viewerHash(ct.studyUid, ct.seriesUid, 30));
    // No reader to name here: the drawing is held by the database, not by who is signed in.
    await expect(dialog.getByTestId('leave-name-reader')).toHaveCount(0);
    await dialog.getByTestId('leave-stay').click();
    await expect(page.getByTestId('viewer-page')).toBeVisible();

    other.prepare('COMMIT').run();
    held = false;
    await expect(page.getByTestId('measurement-unsaved')).toHaveCount(0, { timeout: 60_000 });
    const stored = await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid, allReaders: true });
    expect(stored.map((a) => a.tool)).toEqual(['Length']);
    // Saved: leaving asks nothing.
    await page.getByTestId('nav-studies').click();
    await expect(page.getByTestId('viewer-page')).toHaveCount(0);
    await expect(dialog).toHaveCount(0);
    expect(new URL(page.url()).hash).toBe('#/studies');
  } finally {
    if (held) other.prepare('ROLLBACK').run();
    other.close();
  }
});

test("with a drawing not saved, reloading the page asks the browser's own leave prompt: dismissing it keeps the page and the drawing", async ({ page }) => {
  const { host, studyUid, seriesUid } = await openCtSignedOut(page);
  try {
    const dialog = page.waitForEvent('dialog');
    // Reloaded from a timer, so that the evaluate returns while the prompt holds the reload.
    await page.evaluate(() => void setTimeout(() => window.location.reload(), 0));
    const prompt = await dialog;
    expect(prompt.type()).toBe('beforeunload');
    await prompt.dismiss();
    await expect(page.getByTestId('viewer-page')).toBeVisible();
    expect(new URL(page.url()).hash).toBe(viewerHash(studyUid, seriesUid, 30));
    await expect(page.getByTestId('measurement-unsaved')).toHaveText('not saved yet: sign in (reader chip in the header) and it will be');
    await expect(page.getByTestId('measurement')).toHaveCount(1);
  } finally {
    await host.stop();
  }
});

test('with every drawing saved, reloading the page asks nothing, and the drawing comes back from the store', async ({ page, ct }) => {
  const { viewport } = await openCt(page, ct, 30);
  expect(await settledStatus(viewport)).toBe('rendered');
  await drawLength(page, viewport);
  await expect(page.getByTestId('measurement')).toHaveCount(1);
  await expect.poll(async () => (await hostRpc(ct.host, 'annotations.list', { studyInstanceUid: ct.studyUid, allReaders: true })).length).toBe(1);
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await expect(page.getByTestId('measurement-unsaved')).toHaveCount(0);
  const asked: string[] = [];
  page.on('dialog', (prompt) => {
    asked.push(prompt.type());
    void prompt.dismiss();
  });
  await page.reload();
  expect(await settledStatus(viewportLocator(page, { seriesUid: ct.seriesUid, orientation: 'stack' }))).toBe('rendered');
  await expect(page.getByTestId('measurement')).toHaveCount(1);
  expect(asked).toEqual([]);
});
