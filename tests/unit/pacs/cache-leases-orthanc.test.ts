import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDY_LEASE_MS } from '@shared/pacs/study-lease';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../../electron/core/phantom';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { setCacheLimit } from '../../../electron/core/pacs/cache/cache-store';
import { studyLeasesFolder } from '../../../electron/core/pacs/cache/study-leases';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { hostRpc } from '../../support/host-rpc';
import { runPacsCommand } from '../../support/pacs-cli';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';

// A real Orthanc holding two studies; one data folder opened by two doors at once: the browser
// mode's host, whose viewer holds a study through the contract, and the CLI, retrieving the other
// study under a cache limit smaller than the two. Skipped only where Orthanc is not installed.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
if (!HAVE_ORTHANC) console.warn(`cache-leases-orthanc.test.ts (SKIPPED: ${ORTHANC_BINARY} is not installed)`);

describe.skipIf(!HAVE_ORTHANC)('the PACS cache never evicts a study open in a viewer, whichever door evicts', () => {
  let orthanc: OrthancServer;
  let work: string;
  let dataDir: string;
  let core: AppCore;
  let host: RunningHost;
  let phantom: string;
  let ctSmall: string;
  beforeAll(async () => {
    work = temporaryFolder('cache-leases');
    const ct = path.join(work, 'phantom');
    await generatePhantomStudy({ outDir: ct, rows: 64, columns: 64, sliceCount: 40 });
    fs.rmSync(path.join(ct, GROUND_TRUTH_FILE));
    orthanc = await startOrthanc();
    const files = fs.readdirSync(ct).map((f) => readStowFile(path.join(ct, f)));
    const small = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'));
    await stowRs(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), [...files, small]);
    phantom = files[0]!.studyInstanceUid;
    ctSmall = small.studyInstanceUid;
    dataDir = temporaryFolder('cache-leases-data');
    core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
    host = await startHost({ core, dataDir, rendererDir: work });
    await hostRpc(host, 'pacs.set', { url: orthanc.dicomWebUrl });
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    core?.close();
    await orthanc?.stop();
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const cachedOnDisk = (study: string) => fs.existsSync(path.join(cacheRoot(dataDir), study));
  const indexedInstances = (study: string) =>
    coreInternals(core).db.prepare('SELECT count(*) FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref WHERE st.study_uid = ?').pluck().get(study);
  /** Opens a study from the PACS in the browser mode's viewer as the renderer does: retrieve, list it, hold it. */
  const openInViewer = async (study: string) => {
    const { jobId } = await hostRpc(host, 'pacs.retrieve', { studyInstanceUid: study });
    await coreInternals(core).pacsRetrieves.wait(jobId);
    await hostRpc(host, 'studies.get', { studyInstanceUid: study });
    const lease = { studyInstanceUid: study, leaseId: randomUUID() };
    expect(await hostRpc(host, 'studies.lease', lease)).toEqual({ leaseMs: STUDY_LEASE_MS });
    return lease;
  };
  /** `pacs retrieve` from a terminal: another door, another core on the same data folder. */
  const retrieveFromCli = async (study: string) => JSON.parse(await runPacsCommand(['retrieve', study, '--json'], dataDir)) as { instances: number; cached: number };

  it('held while open: a retrieve by the CLI leaves it; closed, or its hold lapsed, the next retrieve evicts it', async () => {
    const lease = await openInViewer(phantom);
    // Less than the two studies: whatever the CLI brings, the cache is over its limit.
    setCacheLimit(coreInternals(core).db, 1);

    expect(await retrieveFromCli(ctSmall)).toMatchObject({ instances: 1 });
    expect(cachedOnDisk(phantom)).toBe(true);
    expect(indexedInstances(phantom)).toBe(40);
    // Renewed while the viewer stays open: still held.
    await hostRpc(host, 'studies.lease', lease);
    expect(await retrieveFromCli(ctSmall)).toMatchObject({ instances: 0, cached: 1 });
    expect(indexedInstances(phantom)).toBe(40);

    // Closed: the next retrieve evicts it, files and index rows.
    expect(await hostRpc(host, 'studies.release', lease)).toEqual({ released: true });
    expect(await hostRpc(host, 'studies.release', lease)).toEqual({ released: false });
    await retrieveFromCli(ctSmall);
    expect(cachedOnDisk(phantom)).toBe(false);
    expect(indexedInstances(phantom)).toBe(0);
    expect(indexedInstances(ctSmall)).toBe(1);

    // A viewer that died without closing: its last renewal a lease ago, the hold has lapsed.
    const lapsed = await openInViewer(phantom);
    // Its own retrieve evicted CT_small (over the limit, not held).
    expect(cachedOnDisk(ctSmall)).toBe(false);
    const holdFile = path.join(studyLeasesFolder(cacheRoot(dataDir)), `${phantom}~${lapsed.leaseId}`);
    const aLeaseAgo = (Date.now() - STUDY_LEASE_MS - 1000) / 1000;
    fs.utimesSync(holdFile, aLeaseAgo, aLeaseAgo);
    await retrieveFromCli(ctSmall);
    expect(cachedOnDisk(phantom)).toBe(false);
    expect(indexedInstances(phantom)).toBe(0);
    expect(indexedInstances(ctSmall)).toBe(1);

    // Long lapsed, its file is swept by the next hold any viewer takes, whatever the cache's size.
    const longAgo = (Date.now() - 2 * STUDY_LEASE_MS - 1000) / 1000;
    fs.utimesSync(holdFile, longAgo, longAgo);
    const other = { studyInstanceUid: ctSmall, leaseId: randomUUID() };
    await hostRpc(host, 'studies.lease', other);
    expect(fs.readdirSync(studyLeasesFolder(cacheRoot(dataDir)))).toEqual([`${ctSmall}~${other.leaseId}`]);
  }, 120_000);
});
