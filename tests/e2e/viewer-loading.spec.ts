import { SLICES_IN_FLIGHT } from '../../renderer/src/services/viewer/load-pacing';
import { expect, test } from './fixtures/host';
import { hostRpc } from './fixtures/host-api';
import { useImportedCt } from './fixtures/phantom';
import { settledStatus, viewerHash, viewportLocator } from './fixtures/viewer';

// A series loads ahead of the reader SLICES_IN_FLIGHT files at a time: Cornerstone would ask for all of them
// at once, and every file and its copy awaiting decoding would be in memory together.
const SLICES = 120;
const SIDE = 256;

const ct = useImportedCt('viewer-loading', SIDE, SLICES);

test('a series loads ahead a few slices at a time, and every slice arrives', async ({ page }) => {
  const [study] = await hostRpc(ct.host, 'studies.search', {});
  const { series } = await hostRpc(ct.host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const seriesUid = series[0]!.seriesInstanceUid;
  const instances = await hostRpc(ct.host, 'series.instances', { seriesInstanceUid: seriesUid });

  // Requests for image files as the page issues them (before Chromium's own per-host queue).
  const pending = new Set<string>();
  const fetched = new Set<string>();
  let mostInFlight = 0;
  const isFile = (url: string) => /\/instances\/\d+$/.test(new URL(url).pathname);
  page.on('request', (request) => {
    if (!isFile(request.url())) return;
    pending.add(request.url());
    mostInFlight = Math.max(mostInFlight, pending.size);
  });
  const settle = (url: string) => pending.delete(url);
  page.on('requestfinished', (request) => {
    if (!isFile(request.url())) return;
    settle(request.url());
    fetched.add(request.url());
  });
  page.on('requestfailed', (request) => settle(request.url()));

  await page.goto(`${ct.host.url}${viewerHash(study!.studyInstanceUid, seriesUid)}`);
  expect(await settledStatus(viewportLocator(page, { seriesUid, orientation: 'stack' }))).toBe('rendered');
  await expect.poll(() => fetched.size, { timeout: 60_000, message: 'every slice of the series is loaded ahead' }).toBe(instances.length);
  // Loading ahead holds SLICES_IN_FLIGHT; the first slice and the series strip's thumbnail may overlap it.
  expect(mostInFlight).toBeGreaterThan(1);
  expect(mostInFlight).toBeLessThanOrEqual(SLICES_IN_FLIGHT + 2);
});
