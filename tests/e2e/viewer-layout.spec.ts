import path from 'node:path';
import { keepScreenshot } from './fixtures/ct-viewer';
import { expect, SHARED_DICOM, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash } from './fixtures/viewer';

test('lays out 1×2 and 2×2 and shows a series dragged from the strip into a viewport', async ({ page, host }) => {
  // A real study with three MR series (pydicom's DICOMDIR test tree).
  await cliImport(host.dataDir, [path.join(SHARED_DICOM, 'pydicom/dicomdirtests/98892003')]);
  const studies = await hostRpc(host, 'studies.search', {});
  const study = studies.find((s) => s.seriesCount === 3)!;
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study.studyInstanceUid });
  const [first, second, third] = series.map((s) => s.seriesInstanceUid);
  // From the study page, as a reader gets there: double-click a series.
  await page.goto(`${host.url}#/study/${study.studyInstanceUid}`);
  await page.locator(`[data-testid="series-card"][data-series-uid="${first}"]`).dblclick();
  await expect(page).toHaveURL(new RegExp(`${viewerHash(study.studyInstanceUid, first!).replace(/[.?]/g, '\\$&')}$`));
  await settledStatus(page.getByTestId('viewport'));
  await expect(page.getByTestId('strip-series')).toHaveCount(3);

  await page.getByTestId('layout-1x2').click();
  await expect(page.getByTestId('viewport')).toHaveCount(2);
  await page.getByTestId('layout-2x2').click();
  // Three series fill three viewports; the fourth waits for one.
  const viewports = page.getByTestId('viewport');
  await expect(viewports).toHaveCount(3);
  await expect(page.getByTestId('viewport-empty')).toHaveCount(1);
  for (const viewport of await viewports.all()) expect(await settledStatus(viewport)).toBe('rendered');
  expect(await viewports.evaluateAll((els) => els.map((e) => e.getAttribute('data-series-uid')))).toEqual([first, second, third]);

  // Drag the third series into the empty viewport, then the first over the second.
  const strip = (uid: string) => page.locator(`[data-testid="strip-series"][data-series-uid="${uid}"]`);
  await strip(third!).dragTo(page.getByTestId('viewport-empty'));
  await expect(viewports).toHaveCount(4);
  await strip(first!).dragTo(page.getByTestId('viewport-pane').nth(1));
  await expect.poll(() => viewports.evaluateAll((els) => els.map((e) => e.getAttribute('data-series-uid')))).toEqual([first, first, third, third]);
  for (const viewport of await viewports.all()) expect(await settledStatus(viewport)).toBe('rendered');
  // The viewport dropped on becomes the active one.
  await expect(page.getByTestId('viewport-pane').nth(1)).toHaveClass(/active/);
  await keepScreenshot(page, 'viewer-2x2');
});
