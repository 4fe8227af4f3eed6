import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { ExportJobs } from '../../../electron/core/export/jobs/export-jobs';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { filesUnder } from './export-files';

// Exports that would write nothing say why and exit non-zero, leaving nothing behind; a NIfTI export
// writes every series' image even when no lesion has a mask.

const COMPRESSED = path.join(SHARED_DICOM, 'cornerstone3d/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm');
let fixture: PhantomFixture;
let compressedStudy: string;
const compressedFolder = temporaryFolder('compressed-study');
beforeAll(async () => {
  fs.copyFileSync(COMPRESSED, path.join(compressedFolder, 'ct.dcm'));
  fixture = await phantomFixture({ alsoImport: [compressedFolder] });
  compressedStudy = fixture.db.prepare('SELECT study_uid FROM studies WHERE study_uid <> ?').pluck().get(fixture.truth.studyInstanceUid) as string;
  // The phantom's lesions keep their records but lose every drawing.
  fixture.db.prepare('DELETE FROM annotations').run();
});
afterAll(() => {
  fixture.cleanup();
  fs.rmSync(compressedFolder, { recursive: true, force: true });
});

// stderr: the job's progress lines, then the refusal on the last line.
const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', fixture.dataDir], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.trim().split('\n').at(-1) ?? '' };
};
const options = (outDir: string, studyInstanceUids = [fixture.truth.studyInstanceUid]) => ({ studyInstanceUids, outDir, dateShift: false, nifti: true, appVersion: '0.1.0' });

describe('an export that would write nothing', () => {
  it('export seg of a study with lesions but no drawn area exits non-zero with the reason and writes no file', () => {
    const out = path.join(fixture.dataDir, 'seg-none');
    const result = cli('export', 'seg', '--study', fixture.truth.studyInstanceUid, '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^bonemet: No lesion of study ${fixture.truth.studyInstanceUid.replaceAll('.', '\\.')} has a drawn area to segment \\(2 lesions, each with no area`));
    expect(result.stderr).toMatch(/Nothing was written/);
    expect(result.stdout).toBe('');
    expect(fs.existsSync(out) ? filesUnder(out) : []).toEqual([]);
  });

  it('export dataset --nifti refuses studies no series of which can be a NIfTI volume, before writing anything', async () => {
    const out = path.join(fixture.dataDir, 'nifti-compressed');
    await expect(exportResearchDataset(fixture.db, options(out, [compressedStudy]))).rejects.toMatchObject({
      code: 'unsupported',
      message: expect.stringMatching(/^No series of the chosen studies can be written as NIfTI \(series [\d.]+ of study [\d.]+: compressed or big-endian pixel data \(1\.2\.840\.10008\.1\.2\.4\.51\).*Nothing was written/),
    });
    expect(fs.existsSync(out)).toBe(false);
    const result = cli('export', 'dataset', '--study', compressedStudy, '--out', out, '--nifti');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^bonemet: No series of the chosen studies can be written as NIfTI/);
    expect(fs.existsSync(out)).toBe(false);
    // Without NIfTI the same study exports: the refusal is about the NIfTI volume only.
    expect(cli('export', 'dataset', '--study', compressedStudy, '--out', out, '--json').code).toBe(0);
  });

  it('an export job of that dataset ends failed with the reason, and its folder is removed', async () => {
    const jobs = new ExportJobs({ db: fixture.db, dataDir: fixture.dataDir, roots: [fixture.dataDir], appVersion: '0.1.0' });
    const destination = path.join(fixture.dataDir, 'job-nifti-compressed');
    const status = await jobs.wait(jobs.start({ kind: 'dataset', studyInstanceUids: [compressedStudy], nifti: true, destination }));
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ code: 'unsupported', message: expect.stringMatching(/can be written as NIfTI/) });
    expect(status.filesWritten).toEqual([]);
    expect(fs.existsSync(destination)).toBe(false);
  });
});

describe('export dataset --nifti without masks', () => {
  it('writes the image volume of a series no lesion has a mask on, without a label map, and names it in the manifest', async () => {
    const out = path.join(fixture.dataDir, 'nifti-no-mask');
    const result = await exportResearchDataset(fixture.db, options(out));
    expect(result).toMatchObject({ niftiFiles: 1, segFiles: 0, srFiles: 1, lesions: 2 });
    const p = result.patients[0]!.pseudonym;
    const nifti = fs.readdirSync(path.join(out, 'nifti'));
    expect(nifti).toEqual([`${p}_study-01_series-01_image.nii.gz`]);
    const header = gunzipSync(fs.readFileSync(path.join(out, 'nifti', nifti[0]!)));
    expect([header.readInt16LE(42), header.readInt16LE(44), header.readInt16LE(46)]).toEqual([fixture.truth.geometry.columns, fixture.truth.geometry.rows, fixture.truth.geometry.sliceCount]);
    const [columns, ...rows] = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').trim().split('\r\n').map((r) => r.split(','));
    const at = (name: string) => columns!.indexOf(name);
    for (const row of rows) expect([row[at('nifti_image')], row[at('nifti_mask')], row[at('nifti_label')]]).toEqual([`nifti/${p}_study-01_series-01_image.nii.gz`, '', '']);
    expect(fs.readFileSync(path.join(out, 'README.md'), 'utf8')).toMatch(/a NIfTI-1 image of every image series/);
  });

  it('writes the image volume of a study with no lesion at all', async () => {
    fixture.db.prepare('DELETE FROM lesions').run();
    const out = path.join(fixture.dataDir, 'nifti-no-lesion');
    const result = await exportResearchDataset(fixture.db, options(out));
    expect(result).toMatchObject({ niftiFiles: 1, srFiles: 0, lesions: 0 });
    expect(fs.readdirSync(path.join(out, 'nifti'))).toEqual([`${result.patients[0]!.pseudonym}_study-01_series-01_image.nii.gz`]);
  });
});

describe('an area drawn again', () => {
  it('gives the SEG back, and the NIfTI label map beside the image', async () => {
    for (const lesion of fixture.lesions) fixture.db.prepare('DELETE FROM lesions WHERE id = ?').run(lesion.id);
    const { saveLesion } = await import('../../../electron/core/lesions/lesion-store');
    for (const lesion of fixture.lesions) saveLesion(fixture.db, lesion, 'AB');
    saveAnnotation(fixture.db, fixture.annotations.find((a) => a.tool === 'EllipticalROI')!, 'AB');
    const out = path.join(fixture.dataDir, 'nifti-mask');
    const result = await exportResearchDataset(fixture.db, options(out));
    expect(result).toMatchObject({ niftiFiles: 2, segFiles: 1 });
    const p = result.patients[0]!.pseudonym;
    expect(fs.readdirSync(path.join(out, 'nifti')).sort()).toEqual([`${p}_study-01_series-01_image.nii.gz`, `${p}_study-01_series-01_mask.nii.gz`]);
    const seg = cli('export', 'seg', '--study', fixture.truth.studyInstanceUid, '--out', path.join(fixture.dataDir, 'seg-one'));
    expect(seg.code, seg.stderr).toBe(0);
    expect(seg.stdout).toMatch(/wrote .*SEG-[\d.]+\.dcm \(\d+ bytes\)/);
  });
});
