import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { workerImportRunner } from '../../../electron/core/importer/import-runners';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { hostEnvelope } from '../../support/host-rpc';
import { makeLesion } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A data folder on a real, small file system (tmpfs) that the test fills to the last block: SQLite
// and the upload writer then meet the ENOSPC a full disk gives, not a simulated one. Mounting needs
// root (as the CI machine runs); elsewhere the test says so and is skipped.
const work = temporaryFolder('host-full-disk');
const disk = path.join(work, 'disk');
fs.mkdirSync(disk);
const MOUNTED = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const dataDir = path.join(disk, 'data');
const sources = path.join(dataDir, 'sources');
const filler = path.join(disk, 'filler');
const FULL = 'The disk holding the BoneMet database is full, so this could not be written. Free some space and try again; what was saved before is intact.';

let core: AppCore;
let host: RunningHost;

async function open(): Promise<void> {
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: workerImportRunner() });
  host = await startHost({ core, dataDir, rendererDir: sources });
}
async function shut(): Promise<void> {
  await host.close();
  core.close();
}

const call = (channel: string, body: unknown) => hostEnvelope(host, channel, body);
async function importFile(name: string) {
  const started = await call('import.start', { paths: [path.join(sources, name)] });
  return (await call('import.status', { jobId: (started.value as { jobId: string }).jobId, waitMs: 30_000 })).value;
}
const lesionIds = async () => ((await call('lesions.list', { allReaders: true })).value as { lesion: { id: string } }[]).map((l) => l.lesion.id);

/** Writes until the file system refuses: nothing is left for the app. */
function fillDisk(): void {
  const fd = fs.openSync(filler, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) fs.writeSync(fd, block);
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
}

beforeAll(async () => {
  if (!MOUNTED) return;
  fs.mkdirSync(sources, { recursive: true });
  for (const name of ['CT_small.dcm', 'MR_small.dcm']) fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom', name), path.join(sources, name));
  await open();
});
afterAll(async () => {
  if (MOUNTED) {
    await shut();
    execFileSync('umount', [disk]);
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!MOUNTED)('the browser-mode host with its data folder on a full disk', () => {
  const L1 = makeLesion({ id: 'a1000000-0000-4000-8000-000000000001', trackingUid: '2.25.9101', nature: 'lytic' });
  const L2 = makeLesion({ id: 'a1000000-0000-4000-8000-000000000002', trackingUid: '2.25.9102', nature: 'blastic' });
  let study: string;

  it('refuses an import, a lesion save, a dropped file and a backup, each saying the disk is full, and keeps answering', async () => {
    expect((await call('reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' })).ok).toBe(true);
    expect(await importFile('CT_small.dcm')).toMatchObject({ state: 'done', report: { indexed: 1 } });
    study = ((await call('studies.search', {})).value as { studyInstanceUid: string }[])[0]!.studyInstanceUid;
    expect((await call('lesions.save', { lesion: { ...L1, studyInstanceUid: study } })).ok).toBe(true);

    fillDisk();
    expect(await importFile('MR_small.dcm')).toMatchObject({ state: 'failed', error: FULL });
    expect(await call('lesions.save', { lesion: { ...L2, studyInstanceUid: study } })).toEqual({ ok: false, error: { code: 'io_error', message: FULL } });
    const batch = '4c1f1b0e-2a3b-4c5d-8e9f-0a1b2c3d4e5f';
    const upload = await fetch(`http://127.0.0.1:${host.port}/uploads/${batch}?name=dropped.dcm`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: Buffer.alloc(256 * 1024) });
    expect([upload.status, await upload.json()]).toEqual([400, { ok: false, error: { code: 'io_error', message: 'The disk is full: the dropped file was not stored.' } }]);
    expect(fs.readdirSync(path.join(dataDir, 'uploads', batch))).toEqual([]);
    expect(await call('backup.create', {})).toEqual({ ok: false, error: { code: 'io_error', message: `The disk is full: no backup was written to ${path.join(dataDir, 'backups')}.` } });
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toEqual([]);

    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { indexIsEmpty: false } });
    expect(await lesionIds()).toEqual([L1.id]);
  });

  it('opens again on the full disk with what was saved, and saves again once space is freed', async () => {
    await shut();
    await open();
    expect(await lesionIds()).toEqual([L1.id]);
    fs.rmSync(filler);
    expect((await call('lesions.save', { lesion: { ...L2, studyInstanceUid: study } })).ok).toBe(true);
    expect(await importFile('MR_small.dcm')).toMatchObject({ state: 'done', report: { indexed: 1 } });
    await shut();
    await open();
    expect(await lesionIds()).toEqual([L1.id, L2.id]);
    expect(await call('lesions.get', { id: L2.id })).toMatchObject({ ok: true, value: { lesion: { nature: 'blastic' } } });
  });
});
