import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportJobs } from '../../../electron/core/export/jobs/export-jobs';
import { exportHandlers } from '../../../electron/core/handlers/export-handlers';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import type { ExportJobStatus } from '@shared/export/export-job';
import type { Handlers } from '@shared/ipc/contract';
import { readStowFile } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { deleteAnnotation } from '../../../electron/core/lesions/annotation-store';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { makeLesion } from '../../support/lesion-fixtures';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { filesUnder } from './export-files';

const OTHER_LESION = 'c0000000-0000-4000-8000-000000000009';
let fixture: PhantomFixture;
let root: string;
let jobs: ExportJobs;
let handlers: Handlers;
beforeAll(async () => {
  // A second, one-image study, so that a lesion can belong to a study the export does not cover.
  fixture = await phantomFixture({ alsoImport: [path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')] });
  const other = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'));
  saveLesion(fixture.db, makeLesion({ id: OTHER_LESION, studyInstanceUid: other.studyInstanceUid, seriesInstanceUid: '1.2.3.4.5', reader: 'AB' }), 'AB');
  // The only folder exports may reach, as the host's folder browser roots are.
  root = fs.realpathSync(temporaryFolder('export-root'));
  jobs = new ExportJobs({ db: fixture.db, dataDir: fixture.dataDir, roots: [root], appVersion: '0.1.0' });
  handlers = exportHandlers(fixture.db, jobs) as unknown as Handlers;
});
afterAll(() => {
  fixture.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

const study = () => fixture.truth.studyInstanceUid;
const dest = (name: string) => path.join(root, name);

/** Polls a job as the UI does (between event-loop turns), recording every status seen, until it ends. */
async function pollUntilEnded(jobId: string, onStatus: (s: ExportJobStatus) => void = () => {}): Promise<ExportJobStatus> {
  for (;;) {
    const status = jobs.status(jobId);
    onStatus(status);
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The files a finished job claims must all be on disk, whole, and no temporary file may be left. */
function expectClaimsMatchDisk(status: ExportJobStatus): void {
  for (const file of status.filesWritten) expect(fs.statSync(file.path).size, file.path).toBe(file.bytes);
  if (status.destination && fs.existsSync(status.destination)) {
    expect(filesUnder(status.destination).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }
}

describe('export jobs', () => {
  it('runs a research dataset off the request, counting images and bytes, and lists every file it wrote', async () => {
    const jobId = jobs.start({ kind: 'dataset', studyInstanceUids: [study()], dateShift: true, nifti: true, destination: dest('dataset/new/deep') });
    // start() returned before any image was exported.
    expect(jobs.status(jobId)).toMatchObject({ state: 'running', progress: { itemsDone: 0 }, filesWritten: [] });
    const seen: ExportJobStatus[] = [];
    const done = await pollUntilEnded(jobId, (s) => seen.push(s));
    expect(done.state).toBe('done');
    const counts = seen.filter((s) => s.progress.phase === 'images').map((s) => s.progress.itemsDone);
    expect(counts.length).toBeGreaterThan(5);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(seen.find((s) => s.progress.phase === 'images')!.progress).toMatchObject({ itemsTotal: 40 });
    expect(seen.reduce((most, s) => Math.max(most, s.progress.bytesTotal), 0)).toBeGreaterThan(40 * 128 * 128 * 2);
    expect(done.destination).toBe(dest('dataset/new/deep'));
    expect(done.filesWritten.map((f) => f.path).sort()).toEqual(filesUnder(dest('dataset/new/deep')).sort());
    expect(done.filesWritten.filter((f) => f.path.endsWith('.dcm')).length).toBeGreaterThanOrEqual(40 + 1 + 1);
    expect(done.filesWritten.some((f) => f.path.endsWith('.nii.gz') || f.path.endsWith('.nii'))).toBe(true);
    expect(done.progress.bytesDone).toBe(done.filesWritten.reduce((n, f) => n + f.bytes, 0));
    expect(done.notes.join('\n')).toMatch(/40 images, 1 SEG, 1 SR/);
    expectClaimsMatchDisk(done);
  });

  it('cancelled mid-dataset, ends as cancelled with no file claimed and none left on disk', async () => {
    const jobId = jobs.start({ kind: 'dataset', studyInstanceUids: [study()], destination: dest('cancelled-dataset') });
    let asked = false;
    const end = await pollUntilEnded(jobId, (s) => {
      if (!asked && s.progress.itemsDone >= 3) {
        asked = true;
        expect(jobs.cancel(jobId).state).toBe('running');
      }
    });
    expect(end).toMatchObject({ state: 'cancelled', filesWritten: [], error: { code: 'cancelled' } });
    expect(end.progress.itemsDone).toBeLessThan(40);
    expect(end.error!.message).toMatch(/cancelled; the files it had written were removed/);
    // The folder the export created is gone again: nothing half-done looks like a dataset.
    expect(fs.existsSync(dest('cancelled-dataset'))).toBe(false);
  });

  it('names the study folders of a non-clinical referral by position, never by Study Instance UID', async () => {
    const other = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')).studyInstanceUid;
    const end = await pollUntilEnded(jobs.start({ kind: 'referral', studyInstanceUids: [study(), other], purpose: 'non-clinical', includeAll: true, destination: dest('anonymous-referrals') }));
    expect(end.filesWritten.map((f) => path.relative(dest('anonymous-referrals'), f.path)).sort()).toEqual(['study-1/referral.pdf', 'study-2/referral.pdf']);
    for (const file of filesUnder(dest('anonymous-referrals'))) for (const uid of [study(), other]) expect(file).not.toContain(uid);
  });

  it('writes the referral packet, tables and SR of a study, each file recorded once finished', async () => {
    const referral = await pollUntilEnded(jobs.start({ kind: 'referral', studyInstanceUids: [study()], purpose: 'non-clinical', destination: dest('referral') }));
    expect(referral).toMatchObject({ state: 'done', errors: [], progress: { itemsDone: 1, itemsTotal: 1, phase: 'finished' } });
    expect(referral.filesWritten.map((f) => path.basename(f.path))).toEqual(['referral.pdf']);
    expect(fs.readFileSync(referral.filesWritten[0]!.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const csv = await pollUntilEnded(jobs.start({ kind: 'csv', studyInstanceUids: [study()], lesionIds: [fixture.lesions[1]!.id], destination: dest('tables') }));
    expect(csv.filesWritten.map((f) => path.basename(f.path))).toEqual(['lesions.csv', 'lesions.schema.json']);
    const rows = fs.readFileSync(csv.filesWritten[0]!.path, 'utf8').trim().split('\r\n');
    // Only the chosen lesion: a header and one row, for the right femur.
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(fixture.lesions[1]!.trackingUid);

    const sr = await pollUntilEnded(jobs.start({ kind: 'sr', studyInstanceUids: [study()], destination: dest('sr'), sendToPacs: true }));
    expect(sr.state).toBe('done');
    expect(sr.filesWritten).toHaveLength(1);
    expect(path.basename(sr.filesWritten[0]!.path)).toMatch(/^SR-AB-[0-9.]+\.dcm$/);
    expect(sr.notes).toEqual(['No PACS is configured: the SR was written to the folder only.']);
    expect(sr.pacs).toEqual([]);
    expectClaimsMatchDisk(sr);
  });

  it('says, in the job notes, that drawings on a reformat plane are left out of key images, not of the SR', async () => {
    const plane = saveAttachedDrawing(fixture.db, {
      ...fixture.annotations[1]!, id: 'e0000000-0000-4000-8000-0000000000f2', lesionId: null, sopInstanceUid: null, frameNumber: null,
      viewPlaneNormal: [0, 1, 0], viewUp: [0, 0, 1], points: [[-60, 10, -40], [-60, 10, 0]], measurements: { length: 40 },
    }, fixture.lesions[0]!.id, 'AB');
    try {
      const sr = await pollUntilEnded(jobs.start({ kind: 'sr', studyInstanceUids: [study()], destination: dest('sr-plane'), sendToPacs: false }));
      expect(sr).toMatchObject({ state: 'done', errors: [], notes: [] });
      const referral = await pollUntilEnded(jobs.start({ kind: 'referral', studyInstanceUids: [study()], destination: dest('referral-plane') }));
      expect(referral).toMatchObject({ state: 'done', errors: [] });
      expect(referral.notes).toEqual([`Left out 1 drawing on a reformat (sagittal/coronal) plane of study ${study()}: not in the SEG or key images, which need a source image; the SR carries them with their plane, and the values measured from them are in the lesion records.`]);
      // Not when only the other lesion, which it is not linked to, is exported.
      const other = await pollUntilEnded(jobs.start({ kind: 'referral', studyInstanceUids: [study()], lesionIds: [fixture.lesions[1]!.id], destination: dest('referral-other') }));
      expect(other.notes).toEqual([]);
    } finally {
      deleteAnnotation(fixture.db, plane.id, 'AB');
    }
  });

  it('refuses to overwrite an earlier export, as a failed job that removed nothing of the user', async () => {
    const folder = dest('again');
    await pollUntilEnded(jobs.start({ kind: 'json', studyInstanceUids: [study()], destination: folder }));
    const before = fs.readFileSync(path.join(folder, 'lesions.json'), 'utf8');
    const again = await pollUntilEnded(jobs.start({ kind: 'json', studyInstanceUids: [study()], destination: folder }));
    expect(again).toMatchObject({ state: 'failed', filesWritten: [], error: { code: 'conflict' } });
    expect(again.error!.message).toMatch(/lesions\.json already exists/);
    expect(fs.readFileSync(path.join(folder, 'lesions.json'), 'utf8')).toBe(before);
  });

  it('cancelled before its first study, writes nothing and removes the folder it made', async () => {
    const jobId = jobs.start({ kind: 'fhir', studyInstanceUids: [study()], destination: dest('never/written') });
    jobs.cancel(jobId);
    const end = await pollUntilEnded(jobId);
    expect(end).toMatchObject({ state: 'cancelled', filesWritten: [], error: { code: 'cancelled', message: 'The export was cancelled; it had written no file.' } });
    expect(fs.existsSync(dest('never'))).toBe(false);
  });
});

describe('export destinations', () => {
  const start = (destination: string) => dispatch(handlers, 'export.start', { kind: 'csv', studyInstanceUids: [study()], destination });

  it('refuses folders outside the allowed roots, however they are spelled', async () => {
    fs.symlinkSync('/etc', path.join(root, 'link-to-etc'));
    for (const destination of ['/etc/bonemet', `${root}/../../etc/bonemet`, path.join(root, 'link-to-etc', 'x'), '/']) {
      const answer = await start(destination);
      expect(answer, destination).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(fs.existsSync('/etc/bonemet')).toBe(false);
  });

  it('leaves none of the folders it made when one of them cannot be made', async () => {
    // 'made' is created, then the name after it is longer than a file system takes (255 bytes).
    const answer = await start(path.join(root, 'made', 'é'.repeat(200)));
    expect(answer).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/Cannot create the folder .*ENAMETOOLONG/) } });
    expect(fs.existsSync(path.join(root, 'made'))).toBe(false);
  });

  it('leaves none of the folders it made when the export wrote nothing', async () => {
    // The other study's one lesion has no drawing: a segmentation of it has nothing to hold.
    const otherStudy = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')).studyInstanceUid;
    const end = await pollUntilEnded(jobs.start({ kind: 'seg', studyInstanceUids: [otherStudy], destination: dest('nothing/written') }));
    expect(end).toMatchObject({ state: 'failed', filesWritten: [] });
    expect(fs.existsSync(dest('nothing'))).toBe(false);
  });

  it('refuses a relative path and a file where a folder should be', async () => {
    expect(await start('exports/here')).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/absolute folder path/) } });
    fs.writeFileSync(path.join(root, 'a-file'), 'x');
    expect(await start(path.join(root, 'a-file'))).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/is a file, not a folder/) } });
  });
});

describe('a folder chosen in the system dialog (Electron)', () => {
  it('becomes a destination only once the user picked it there, and only where the door has a dialog', async () => {
    const outside = fs.realpathSync(temporaryFolder('picked'));
    try {
      // The door's dialog, as Electron's showOpenDialog answers: the folder the user chose.
      const withDialog = exportHandlers(fixture.db, jobs, async () => [outside]) as unknown as Handlers;
      const request = { kind: 'csv', studyInstanceUids: [study()], destination: path.join(outside, 'tables') };
      expect(await dispatch(withDialog, 'export.start', request)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await dispatch(withDialog, 'export.pickFolder', {})).toEqual({ ok: true, value: { path: outside } });
      const started = await dispatch(withDialog, 'export.start', request);
      expect(started.ok).toBe(true);
      const done = await pollUntilEnded((started as { value: { jobId: string } }).value.jobId);
      expect(done.filesWritten.map((f) => f.path)).toEqual([path.join(outside, 'tables', 'lesions.csv'), path.join(outside, 'tables', 'lesions.schema.json')]);
      expect(await dispatch(handlers, 'export.pickFolder', {})).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('hostile export requests', () => {
  const base = () => ({ kind: 'csv', studyInstanceUids: [study()], destination: dest('hostile') });
  const cases: [string, () => unknown, string][] = [
    ['an unknown kind', () => ({ ...base(), kind: 'exe' }), 'invalid_request'],
    ['an unknown field', () => ({ ...base(), shell: 'rm -rf /' }), 'invalid_request'],
    ['lesions for a dataset, which exports whole studies', () => ({ kind: 'dataset', studyInstanceUids: [study()], lesionIds: [fixture.lesions[0]!.id], destination: dest('h2') }), 'invalid_request'],
    ['a study UID that is not a UID', () => ({ ...base(), studyInstanceUids: ['1.2.3; DROP TABLE lesions'] }), 'invalid_request'],
    ['no study', () => ({ ...base(), studyInstanceUids: [] }), 'invalid_request'],
    ['ten thousand studies', () => ({ ...base(), studyInstanceUids: Array.from({ length: 10_000 }, (_, i) => `1.2.${i}`) }), 'invalid_request'],
    ['a study not in the index', () => ({ ...base(), studyInstanceUids: ['1.2.3.4.5.6.7'] }), 'not_found'],
    ['a lesion that does not exist', () => ({ ...base(), lesionIds: ['00000000-0000-4000-8000-000000000000'] }), 'not_found'],
    ['a destination with a NUL byte', () => ({ ...base(), destination: `${root}/a\0b` }), 'invalid_request'],
    ['a send to a PACS that is not configured', () => ({ kind: 'stow', studyInstanceUids: [study()] }), 'invalid_request'],
    ['a job id that is not one', () => ({}), 'invalid_request'],
  ];
  it.each(cases)('answers %s with a typed error', async (_, payload, code) => {
    const channel = _ === 'a job id that is not one' ? 'export.status' : 'export.start';
    const answer = await dispatch(handlers, channel, payload());
    expect(answer).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses a lesion of a study the export does not cover', async () => {
    const answer = await dispatch(handlers, 'export.start', { ...base(), lesionIds: [fixture.lesions[0]!.id, OTHER_LESION] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/belongs to study .*, which this export does not cover/) } });
  });

  it('answers an unknown job with not_found', async () => {
    expect(await dispatch(handlers, 'export.cancel', { jobId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
