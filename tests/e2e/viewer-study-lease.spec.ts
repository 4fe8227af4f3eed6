import fs from 'node:fs';
import path from 'node:path';
import { STUDY_LEASE_MS } from '@shared/pacs/study-lease';
import { expect, SHARED_DICOM, test } from './fixtures/host';
import { cliImport, hostRpc } from './fixtures/host-api';
import { settledStatus, viewerHash } from './fixtures/viewer';

// The PACS cache evicts no study a viewer holds (tests/unit/pacs/cache-leases-orthanc.test.ts); this
// is the viewer's side, in the real renderer: it holds the study it shows, renews the hold while
// open, and releases it when the reader leaves. The holds are files of the data folder.

test('the viewer holds the study it shows, renews the hold while open, and releases it on leaving', async ({ page, host }) => {
  test.setTimeout(120_000);
  await cliImport(host.dataDir, [path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')]);
  const [study] = await hostRpc(host, 'studies.search', {});
  const { series } = await hostRpc(host, 'studies.get', { studyInstanceUid: study!.studyInstanceUid });
  const leases = path.join(host.dataDir, 'pacs-cache-leases');
  const holds = () => (fs.existsSync(leases) ? fs.readdirSync(leases) : []);
  const leaseCalls: { studyInstanceUid: string; leaseId: string }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/studies.lease')) leaseCalls.push(JSON.parse(request.postData() ?? '{}'));
  });

  await page.goto(`${host.url}${viewerHash(study!.studyInstanceUid, series[0]!.seriesInstanceUid)}`);
  expect(await settledStatus(page.getByTestId('viewport'))).toBe('rendered');
  await expect.poll(holds).toHaveLength(1);
  const [hold] = holds();
  expect(hold).toMatch(new RegExp(`^${study!.studyInstanceUid.replaceAll('.', '\\.')}~[0-9a-f-]{36}$`));
  const takenAt = fs.statSync(path.join(leases, hold!)).mtimeMs;

  // Renewed within a third of the lease, under the same lease id, while the study stays open.
  await expect.poll(() => leaseCalls.length, { timeout: STUDY_LEASE_MS / 3 + 10_000 }).toBeGreaterThanOrEqual(2);
  expect(new Set(leaseCalls.map((c) => c.leaseId)).size).toBe(1);
  await expect.poll(() => fs.statSync(path.join(leases, hold!)).mtimeMs).toBeGreaterThan(takenAt);

  // Back to the study list: the hold ends at once, not a lease later.
  await page.getByTestId('nav-studies').click();
  await expect(page.getByTestId('viewport')).toHaveCount(0);
  await expect.poll(holds, { timeout: 5_000 }).toEqual([]);
});
