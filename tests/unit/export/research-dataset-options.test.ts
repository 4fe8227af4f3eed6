import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import type { ExportProgress } from '../../../electron/core/export/dataset/research-export-types';
import { shiftDicomDate } from '../../../electron/core/export/dicom/dicom-datetime';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { typed } from '../../support/lesion-fixtures';
import { PHANTOM_IDENTITY, phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy } from './dicom-tools';
import { filesUnder, readDataset } from './export-files';

let fixture: PhantomFixture;
beforeAll(async () => {
  fixture = await phantomFixture();
});
afterAll(() => fixture.cleanup());

const options = (outDir: string) => ({ studyInstanceUids: [fixture.truth.studyInstanceUid], outDir, dateShift: false, nifti: false, appVersion: '0.1.0' });

describe('research dataset options', () => {
  it('removes dates without the Modified Dates option, and a second export under the same pseudonym writes the same UIDs, byte for byte', async () => {
    const [one, two] = [path.join(fixture.dataDir, 'one'), path.join(fixture.dataDir, 'two')];
    await exportResearchDataset(fixture.db, options(one));
    await exportResearchDataset(fixture.db, options(two));
    const image = (dir: string) => readDataset(filesUnder(dir).find((f) => f.endsWith('IM000001.dcm'))!);
    const [a, b] = [image(one), image(two)];
    expect(a.StudyDate ?? '').toBe('');
    expect(a.LongitudinalTemporalInformationModified).toBe('REMOVED');
    expect([a.PatientID, b.PatientID]).toEqual(['BONEMET-0001', 'BONEMET-0001']);
    expect(a.StudyInstanceUID).toBe(b.StudyInstanceUID);
    expect(a.StudyInstanceUID).not.toBe(fixture.truth.studyInstanceUid);
    // Every DICOM file, images, SEG and SR, is the same in both: the same UIDs everywhere, no export-time value.
    const dicom = (dir: string) => filesUnder(path.join(dir, 'dicom')).map((f) => path.relative(dir, f)).sort();
    expect(dicom(one)).toEqual(dicom(two));
    expect(dicom(one).filter((f) => /(SEG|SR)-/.test(f))).toHaveLength(2);
    for (const file of dicom(one)) expect(fs.readFileSync(path.join(one, file)).equals(fs.readFileSync(path.join(two, file))), file).toBe(true);
    // Without dates, the SR and SEG carry the Basic Profile's dummy content date, not the export's.
    for (const file of dicom(one).filter((f) => /(SEG|SR)-/.test(f))) {
      const ds = readDataset(path.join(one, file));
      expect([ds.ContentDate, ds.InstanceCreationDate, ds.StudyDate ?? ''], file).toEqual(['19000101', undefined, '']);
      expect(dciodvfy(path.join(one, file)).errors, file).toEqual([]);
    }
    expect(fs.existsSync(path.join(one, 'nifti'))).toBe(false);
  });

  it('dates the SR and SEG by the study date shifted like the images, and renews an SR\'s instance UID only when its content changed', async () => {
    const [one, two] = [path.join(fixture.dataDir, 'shift-one'), path.join(fixture.dataDir, 'shift-two')];
    const shifted = { ...options(one), dateShift: true, now: new Date('2031-05-06T07:08:09Z') };
    await exportResearchDataset(fixture.db, shifted);
    const shift = fixture.db.prepare('SELECT date_shift_days FROM pseudonym_patients').pluck().get() as number;
    const expected = shiftDicomDate(PHANTOM_IDENTITY.studyDate, shift);
    expect(expected).not.toBe(PHANTOM_IDENTITY.studyDate);
    const [sr, seg] = ['SR-measurements.dcm', 'SEG-series-01.dcm'].map((name) => readDataset(filesUnder(one).find((f) => f.endsWith(name))!));
    const image = readDataset(filesUnder(one).find((f) => f.endsWith('IM000001.dcm'))!);
    expect(image.StudyDate).toBe(expected);
    for (const ds of [sr!, seg!]) {
      expect([ds.StudyDate, ds.ContentDate, ds.InstanceCreationDate]).toEqual([expected, expected, expected]);
      expect(ds.ContentTime).toBe(image.StudyTime);
    }
    // A lesion edited between two exports: the SR is another object (new instance UID) of the same series.
    const lesion = fixture.lesions[1]!;
    saveLesion(fixture.db, { ...lesion, largestDimensionMm: typed(14) }, 'AB');
    await exportResearchDataset(fixture.db, { ...shifted, outDir: two });
    const again = readDataset(filesUnder(two).find((f) => f.endsWith('SR-measurements.dcm'))!);
    expect(again.SeriesInstanceUID).toBe(sr!.SeriesInstanceUID);
    expect(again.SOPInstanceUID).not.toBe(sr!.SOPInstanceUID);
    expect(readDataset(filesUnder(two).find((f) => f.endsWith('SEG-series-01.dcm'))!).SOPInstanceUID).toBe(seg!.SOPInstanceUID);
    saveLesion(fixture.db, lesion, 'AB');
  });

  it('refuses an output folder that is not empty', async () => {
    const dir = path.join(fixture.dataDir, 'busy');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    await expect(exportResearchDataset(fixture.db, options(dir))).rejects.toThrow(/not empty: choose a new or empty folder/);
  });

  it('reports progress file by file and, when cancelled, stops and removes what it wrote', async () => {
    const dir = path.join(fixture.dataDir, 'cancelled');
    const seen: ExportProgress[] = [];
    await expect(
      exportResearchDataset(fixture.db, options(dir), { onProgress: (p) => seen.push(p), isCancelled: () => seen.length >= 5 }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen.map((p) => p.filesDone)).toEqual([1, 2, 3, 4, 5]);
    expect(seen[0]).toMatchObject({ phase: 'images', filesTotal: 40, studiesTotal: 1 });
    expect(seen.at(-1)!.bytesDone).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fixture.db.prepare('SELECT outcome FROM export_runs ORDER BY id DESC LIMIT 1').pluck().get()).toBe('cancelled');
  });

  it('when cancelled, removes only what it wrote: files put in its folder meanwhile (by the user, another export) stay', async () => {
    const dir = path.join(fixture.dataDir, 'shared-cancelled');
    let done = 0;
    const putMeanwhile = (p: ExportProgress) => {
      done = p.filesDone;
      if (done !== 3) return;
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
      fs.mkdirSync(path.join(dir, 'scans'));
      fs.writeFileSync(path.join(dir, 'scans', 'keep.dcm'), 'mine too');
      fs.writeFileSync(path.join(dir, 'dicom', 'letter.txt'), 'and mine');
    };
    await expect(exportResearchDataset(fixture.db, options(dir), { onProgress: putMeanwhile, isCancelled: () => done >= 5 })).rejects.toMatchObject({ code: 'cancelled' });
    expect(filesUnder(dir).map((f) => path.relative(dir, f)).sort()).toEqual(['dicom/letter.txt', 'notes.txt', 'scans/keep.dcm']);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('failing at its README because one was put in its folder meanwhile, keeps that README and removes only its own files', async () => {
    const dir = path.join(fixture.dataDir, 'shared-failed');
    const putReadme = (p: ExportProgress) => {
      if (p.filesDone === 1 && !fs.existsSync(path.join(dir, 'README.md'))) fs.writeFileSync(path.join(dir, 'README.md'), '# my own notes\n');
    };
    await expect(exportResearchDataset(fixture.db, options(dir), { onProgress: putReadme })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('README.md already exists') });
    expect(fs.readdirSync(dir)).toEqual(['README.md']);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# my own notes\n');
  });
});
