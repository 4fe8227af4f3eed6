import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qidoFindStudy } from '../../../electron/core/pacs/dicomweb/qido-rs';
import { parseDicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { ExportJobs } from '../../../electron/core/export/jobs/export-jobs';
import { savePacsSettings } from '../../../electron/core/settings/pacs-settings-store';
import { testPacsConnection } from '../../../electron/core/pacs/dicomweb/test-connection';
import type { ExportJobStatus } from '@shared/export/export-job';
import { DICOMWEB_PLUGIN, ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';
import { runExportCommand } from '../../support/cli-in-process';
import { temporaryFolder } from '../../support/paths';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';

// Export jobs against a real Orthanc on loopback; skipped only where Orthanc is not installed (CI installs it).
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
if (!HAVE_ORTHANC) console.warn(`export-pacs-orthanc.test.ts (SKIPPED: ${ORTHANC_BINARY} is not installed)`);

describe.skipIf(!HAVE_ORTHANC)('SR export jobs with a PACS configured (real Orthanc)', () => {
  let orthanc: OrthancServer;
  let fixture: PhantomFixture;
  let root: string;
  let jobs: ExportJobs;
  beforeAll(async () => {
    expect(fs.existsSync(DICOMWEB_PLUGIN)).toBe(true);
    [orthanc, fixture] = await Promise.all([startOrthanc(), phantomFixture()]);
    root = fs.realpathSync(temporaryFolder('export-pacs'));
    jobs = new ExportJobs({ db: fixture.db, dataDir: fixture.dataDir, roots: [root], appVersion: '0.1.0' });
  });
  afterAll(async () => {
    await orthanc?.stop();
    fixture?.cleanup();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('tests the connection with a real QIDO-RS request', async () => {
    expect(await testPacsConnection(parseDicomWebTarget({ url: orthanc.dicomWebUrl }))).toMatchObject({ ok: true, httpStatus: 200 });
    expect(await testPacsConnection(parseDicomWebTarget({ url: `${orthanc.httpUrl}/not-dicom-web` }))).toMatchObject({ ok: false, httpStatus: 404 });
  });

  it('writes the SR, sends it by STOW-RS, and reports what the server stored and QIDO-RS found', async () => {
    savePacsSettings(fixture.db, { url: orthanc.dicomWebUrl });
    const jobId = jobs.start({ kind: 'sr', studyInstanceUids: [fixture.truth.studyInstanceUid], destination: path.join(root, 'sr'), sendToPacs: true });
    const phases = new Set<string>();
    let status: ExportJobStatus;
    do {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = jobs.status(jobId);
      phases.add(status.progress.phase);
    } while (status.state === 'running');
    expect(status).toMatchObject({ state: 'done', errors: [] });
    expect(status.filesWritten).toHaveLength(1);
    const [delivery] = status.pacs;
    expect(delivery).toMatchObject({ url: orthanc.dicomWebUrl, studyInstanceUid: fixture.truth.studyInstanceUid, httpStatus: 200, failed: [], confirmed: true });
    expect(delivery!.stored).toHaveLength(1);
    expect(path.basename(status.filesWritten[0]!.path)).toContain(delivery!.stored[0]!);
    const found = await qidoFindStudy(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), fixture.truth.studyInstanceUid);
    expect(found[0]!.numberOfInstances).toBe(1);
  });

  it('sends to the PACS only (stow), keeping no file, and says when the PACS is unreachable', async () => {
    const send = jobs.start({ kind: 'stow', studyInstanceUids: [fixture.truth.studyInstanceUid] });
    const sent = await jobs.wait(send);
    expect(sent).toMatchObject({ state: 'done', destination: null, filesWritten: [], pacs: [{ httpStatus: 200, confirmed: true }] });
    expect(fs.existsSync(path.join(fixture.dataDir, 'export-staging')) ? fs.readdirSync(path.join(fixture.dataDir, 'export-staging')) : []).toEqual([]);
    const found = await qidoFindStudy(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), fixture.truth.studyInstanceUid);
    expect(found[0]!.numberOfInstances).toBe(2);

    savePacsSettings(fixture.db, { url: `${orthanc.httpUrl}/not-dicom-web` });
    const failedSend = await jobs.wait(jobs.start({ kind: 'sr', studyInstanceUids: [fixture.truth.studyInstanceUid], destination: path.join(root, 'sr-404'), sendToPacs: true }));
    // The SR file is good and kept; the send's failure is reported beside it.
    expect(failedSend).toMatchObject({ state: 'done', pacs: [], errors: [{ code: 'not_found' }] });
    expect(failedSend.errors[0]!.message).toMatch(/HTTP 404/);
    expect(failedSend.filesWritten).toHaveLength(1);
  });

  it('export sr from the CLI sends to the configured PACS too, unless --no-pacs', async () => {
    savePacsSettings(fixture.db, { url: orthanc.dicomWebUrl });
    const study = fixture.truth.studyInstanceUid;
    const sent = JSON.parse(await runExportCommand(['export', 'sr', '--study', study, '--out', path.join(root, 'cli-sr'), '--json'], fixture.dataDir));
    const sopInstanceUid = /SR-AB-([\d.]+)\.dcm$/.exec(sent.filesWritten[0].path)![1];
    expect(sent.pacs).toEqual([expect.objectContaining({ url: orthanc.dicomWebUrl, httpStatus: 200, stored: [sopInstanceUid], failed: [], confirmed: true })]);
    const kept = JSON.parse(await runExportCommand(['export', 'sr', '--study', study, '--out', path.join(root, 'cli-sr-local'), '--no-pacs', '--json'], fixture.dataDir));
    expect(kept.pacs).toEqual([]);
    expect(kept.filesWritten).toHaveLength(1);
    const found = await qidoFindStudy(parseDicomWebTarget({ url: orthanc.dicomWebUrl }), study);
    // Two SRs from the jobs above, one from this CLI call; the --no-pacs one stayed local.
    expect(found[0]!.numberOfInstances).toBe(3);
  });
});
