import { makeLesion, typed } from '../support/lesion-fixtures';
import { restoreLesionsFromElsewhere } from '../support/lesions-from-elsewhere';
import { CT_FOLDER } from './fixtures/ct-viewer';
import { expect, startBrowserHost, test, TEST_READER } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { drawLength, settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

test('sign-in, typed values, form undo apart from drawing undo, and each reader sees their own lesions', async ({ page }) => {
  const host = await startBrowserHost(undefined, { reader: null });
  try {
    await cliImport(host.dataDir, [CT_FOLDER]);
    const [study] = await hostRpc(host, 'studies.search', {});
    const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
    const studyUid = study!.studyInstanceUid;
    await page.goto(`${host.url}${viewerHash(studyUid, series[0]!.seriesInstanceUid, 30)}`);

    // Nobody named yet: the app asks; the role only sets the default view.
    const dialog = page.getByTestId('reader-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('a reviewing specialist records decisions and no lesions');
    // Later: a drawing made meanwhile waits, marked, and is saved once the reader is named.
    await page.getByTestId('reader-later').click();
    const viewport = viewportLocator(page, { orientation: 'stack' });
    await drawLength(page, viewport);
    const items = page.getByTestId('measurement');
    await expect(items.getByTestId('measurement-unsaved')).toHaveText(/sign in/);
    await page.getByTestId('reader-chip').click();
    await page.getByTestId('reader-save').click();
    await expect(page.getByTestId('reader-problem')).toBeVisible();
    await page.getByTestId('reader-initials').fill('AB');
    await page.getByTestId('reader-name').fill('Ada Byron');
    await page.getByTestId('reader-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('reader-chip')).toHaveText('AB');
    expect(await hostRpc(host, 'reader.get', {})).toEqual({ initials: 'AB', name: 'Ada Byron', role: 'radiologist' });
    await expect(items).toHaveCount(1);
    await expect(items.getByTestId('measurement-unsaved')).toHaveCount(0);
    await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid })).map((a) => a.reader)).toEqual(['AB']);

    // A rib lesion with a typed size (marked typed), no spine inputs for a rib; T11 shows them.
    await page.getByTestId('lesion-new').click();
    await page.getByTestId('bone-search').fill('T11');
    await page.getByTestId('bone-search').press('Enter');
    await expect(page.getByTestId('spine-inputs')).toBeVisible();
    await page.getByTestId('bone-search').fill('right rib 5');
    await page.getByTestId('bone-search').press('Enter');
    await expect(page.getByTestId('spine-inputs')).toHaveCount(0);
    await page.getByTestId('input-largestDimensionMm').fill('23');
    await expect(page.getByTestId('measured-largestDimensionMm')).toHaveAttribute('data-source', 'typed');
    await page.getByTestId('lesion-nature').selectOption('blastic');

    // Ctrl+Z in the form undoes the form edit and leaves the drawing; on the image it undoes the drawing.
    await page.getByTestId('lesion-nature').press('Control+z');
    await expect(page.getByTestId('lesion-nature')).toHaveValue('');
    await expect(items).toHaveCount(1);
    await page.getByTestId('lesion-nature').press('Control+y');
    await expect(page.getByTestId('lesion-nature')).toHaveValue('blastic');
    await page.getByTestId('lesion-save').click();
    await expect(page.getByTestId('lesion-item')).toHaveCount(1);
    await expect(page.getByTestId('lesion-item')).toContainText('AB');
    const [saved] = await hostRpc(host, 'lesions.list', { studyInstanceUid: studyUid });
    expect(saved!.lesion.largestDimensionMm).toEqual({ value: 23, provenance: { source: 'typed' } });
    expect(saved!.lesion.nature).toBe('blastic');
    await page.getByTestId('tool-WindowLevel').click();
    await viewport.click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await expect(items).toHaveCount(0);
    await expect(page.getByTestId('lesion-nature')).toHaveValue('blastic');
    await page.keyboard.press('Control+y');
    await expect(items).toHaveCount(1);

    // The largest dimension linked from the selected length: measured, and the length joins the lesion.
    await items.getByRole('button').click();
    await page.getByTestId('link-largestDimensionMm').click();
    await expect(page.getByTestId('measured-largestDimensionMm')).toHaveAttribute('data-source', 'annotation');
    await page.getByTestId('lesion-save').click();
    await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
    await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid }))[0]?.lesionId).toBe(saved!.lesion.id);
    const [length] = await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid });
    const [linked] = await hostRpc(host, 'lesions.list', { studyInstanceUid: studyUid });
    expect(linked!.lesion.largestDimensionMm).toEqual({ value: length!.measurements.length, provenance: { source: 'annotation', annotationId: length!.id } });

    // Another reader sees only their own lesions until they ask for all readers'.
    await page.getByTestId('reader-chip').click();
    await page.getByTestId('reader-initials').fill('CD');
    await page.getByTestId('reader-name').fill('Carl Dee');
    await page.getByTestId('reader-save').click();
    await expect(page.getByTestId('reader-chip')).toHaveText('CD');
    await page.reload();
    await expect(page.getByTestId('reader-chip')).toHaveText('CD');
    await expect(page.getByTestId('lesion-panel')).toContainText('No lesion yet');
    await expect(page.getByTestId('lesion-item')).toHaveCount(0);
    // AB's length is not CD's: hidden until CD asks for every reader's, then shown as AB's.
    await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
    await expect(items).toHaveCount(0);
    await page.getByTestId('lesions-all-readers').check();
    await expect(page.getByTestId('lesion-item')).toHaveCount(1);
    await expect(items).toHaveCount(1);
    await expect(items).toContainText('AB');
    // CD may not take AB's length for a lesion of CD's: the link is refused in the form, saying whose it is.
    await page.getByTestId('lesion-new').click();
    await items.getByRole('button').click();
    const link = page.getByTestId('link-largestDimensionMm');
    await expect(link).toBeDisabled();
    await expect(link).toHaveAttribute('title', 'Drawn by AB: link only your own measurements');
    await expect(link).toHaveAccessibleDescription('Drawn by AB: link only your own measurements');
    await expect(page.getByTestId('link-not-own')).toBeVisible();
    // Toggled off and on and off fast, the list follows the last toggle even when an earlier
    // request answers last: here every-reader answers are held until the own-lesion one is shown.
    let releaseAllReaders!: () => void;
    const allReadersHeld = new Promise<void>((resolve) => (releaseAllReaders = resolve));
    await page.route('**/rpc/lesions.list', async (route) => {
      if ((route.request().postDataJSON() as { allReaders?: boolean }).allReaders) await allReadersHeld;
      await route.continue();
    });
    const heldAnswer = page.waitForResponse((r) => r.url().endsWith('/rpc/lesions.list') && (r.request().postDataJSON() as { allReaders?: boolean }).allReaders === true);
    await page.getByTestId('lesions-all-readers').uncheck();
    await page.getByTestId('lesions-all-readers').check();
    await page.getByTestId('lesions-all-readers').uncheck();
    await expect(page.getByTestId('lesion-item')).toHaveCount(0);
    releaseAllReaders();
    await (await heldAnswer).finished();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await expect(page.getByTestId('lesion-item')).toHaveCount(0);
    await page.unroute('**/rpc/lesions.list');
    await page.getByTestId('lesions-all-readers').check();
    await expect(page.getByTestId('lesion-item')).toHaveCount(1);
    // Someone else's lesion opens read-only.
    await page.getByTestId('lesion-item').getByRole('button').click();
    await expect(page.getByTestId('lesion-form')).toHaveAttribute('data-readonly', 'true');
    await expect(page.getByTestId('lesion-save')).toHaveCount(0);
    // A reviewing specialist records no lesion here (the form simply opens read-only).
    await page.getByTestId('reader-chip').click();
    await page.getByTestId('reader-role').selectOption('surgeon');
    await page.getByTestId('reader-save').click();
    await expect(page.getByTestId('lesion-new')).toBeDisabled();
  } finally {
    await host.stop();
  }
});

test('the reader deletes their own lesion after a confirmation naming what stays; it is gone after a reload and from the worklist', async ({ page, host }) => {
  await cliImport(host.dataDir, [CT_FOLDER]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const [studyUid, seriesUid] = [study!.studyInstanceUid, series[0]!.seriesInstanceUid];
  const urgent = { studyInstanceUid: studyUid, seriesInstanceUid: seriesUid, nature: 'lytic' as const, axialInvolvementMm: typed(41) };
  const own = makeLesion({ ...urgent, id: 'de100000-0000-4000-8000-000000000001', trackingUid: '2.25.5101', reader: TEST_READER.initials });
  const others = makeLesion({ ...urgent, id: 'de100000-0000-4000-8000-000000000002', trackingUid: '2.25.5102', reader: 'CD', laterality: 'right' });
  await hostRpc(host, 'lesions.save', { lesion: own });
  restoreLesionsFromElsewhere(host.dataDir, [others], 'CD');
  await page.goto(`${host.url}${viewerHash(studyUid, seriesUid, 30)}`);

  // A Length, linked to the lesion as its largest dimension.
  await drawLength(page, viewportLocator(page, { orientation: 'stack' }));
  const items = page.getByTestId('measurement');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await page.locator(`[data-testid="lesion-item"][data-lesion-id="${own.id}"]`).getByRole('button').click();
  await items.getByRole('button').click();
  await page.getByTestId('link-largestDimensionMm').click();
  await page.getByTestId('lesion-save').click();
  await expect.poll(async () => (await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid }))[0]?.lesionId).toBe(own.id);

  // Asked first: cancelling keeps it; confirming deletes it and closes its form.
  await page.getByTestId('lesion-delete').click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByTestId('lesion-delete-measurements')).toHaveText(/^Its linked measurement stays on the images, unlinked from any lesion\./);
  await dialog.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  // A deletion the store refuses leaves the lesion with its measurement still linked.
  await page.route('**/rpc/lesions.delete', (route) => route.fulfill({ json: { ok: false, error: { code: 'database_error', message: 'The database is read-only.' } } }));
  await page.getByTestId('lesion-delete').click();
  await dialog.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('error-message')).toContainText('read-only');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  expect((await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid })).map((a) => a.lesionId)).toEqual([own.id]);
  await expect(page.getByTestId('lesion-item')).toHaveCount(1);
  await page.unroute('**/rpc/lesions.delete');
  await page.getByTestId('lesion-delete').click();
  await expect(dialog.getByTestId('lesion-delete-measurements')).toHaveText(/^Its linked measurement stays/);
  await dialog.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('lesion-item')).toHaveCount(0);
  await expect(page.getByTestId('lesion-form')).toHaveCount(0);
  await expect(items).toHaveCount(1);

  // After a reload: still gone, its Length kept and unlinked, the deletion audited under its reader.
  await page.reload();
  expect(await settledStatus(viewportLocator(page, { orientation: 'stack' }))).toBe('rendered');
  await expect(page.getByTestId('measurement-panel')).toHaveAttribute('data-save-state', 'saved');
  await expect(items).toHaveCount(1);
  await expect(page.getByTestId('lesion-panel')).toContainText('No lesion yet');
  expect((await hostRpc(host, 'lesions.list', { allReaders: true })).map((l) => l.lesion.id)).toEqual([others.id]);
  expect((await hostRpc(host, 'annotations.list', { studyInstanceUid: studyUid })).map((a) => a.lesionId)).toEqual([null]);
  expect((await hostRpc(host, 'audit.trail', { entityId: own.id })).map((e) => `${e.action}:${e.reader}`)).toEqual(['create:E2E', 'update:E2E', 'delete:E2E']);

  // Another reader's lesion opens read-only, with no way to delete it.
  await page.getByTestId('lesions-all-readers').check();
  await page.getByTestId('lesion-item').getByRole('button').click();
  await expect(page.getByTestId('lesion-form')).toHaveAttribute('data-readonly', 'true');
  await expect(page.getByTestId('lesion-delete')).toHaveCount(0);

  // The worklist lists only the other reader's lesion.
  await page.getByTestId('nav-worklist').click();
  await expect.poll(() => page.getByTestId('worklist-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lesion-id')))).toEqual([others.id]);
});
