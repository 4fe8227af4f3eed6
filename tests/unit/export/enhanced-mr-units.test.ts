import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION } from '@shared/annotation/annotation';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { dciodvfy, dsrdump } from './dicom-tools';
import { runPython } from '../../support/python-runner';

// An Enhanced MR keeps its Pixel Spacing in the functional groups (PS3.3 C.7.6.16.2.1), not at the
// top level. Cornerstone measures such a frame in mm from there (extractSpacingFromDataset), so the
// index must read it too: otherwise the SR calls the viewer's mm2 "square pixels".

let dataDir: string;
let db: Database.Database;
beforeAll(async () => {
  dataDir = temporaryFolder('enhanced-mr');
  const images = path.join(dataDir, 'images');
  fs.mkdirSync(images);
  for (const place of ['shared', 'per-frame']) {
    const made = runPython([path.join(REPO_ROOT, 'tests/support/enhanced-mr-variant.py'), path.join(SHARED_DICOM, 'pydicom-data/emri_small.dcm'), path.join(images, `${place}.dcm`), place, '0.75', '0.5']);
    expect(made.status, made.stderr).toBe(0);
  }
  db = openDatabase(dataDir);
  await runImport(db, [images]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a drawing on an Enhanced MR whose pixel spacing lies in the functional groups', () => {
  it.each(['shared', 'per-frame'])('%s: the index has the spacing, and the SR writes the area in mm2 and the length in mm', (place) => {
    const study = (db.prepare('SELECT study_uid FROM studies').get() as { study_uid: string }).study_uid;
    const image = studyInstances(db, study).find((i) => i.filePath.endsWith(`${place}.dcm`))!;
    expect(image.pixelSpacing).toEqual([0.75, 0.5]);
    expect(image.measurementSpacing).toEqual({ spacing: [0.75, 0.5], plane: 'patient' });
    const lesion = makeLesion({ id: place === 'shared' ? 'c0000000-0000-4000-8000-000000000e01' : 'c0000000-0000-4000-8000-000000000e02', trackingUid: `2.25.77${place.length}`, studyInstanceUid: study, seriesInstanceUid: image.seriesInstanceUid, boneId: 'skull', regionId: null, laterality: null, largestDimensionMm: typed(12), status: 'final' });
    saveLesion(db, lesion, 'AB');
    const drawing = (n: number, tool: 'EllipticalROI' | 'Length', points: [number, number, number][], measurements: Record<string, number>) => saveAttachedDrawing(db, {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id: `d0000000-0000-4000-8000-${place === 'shared' ? 1 : 2}0000000000${n}`, lesionId: null, studyInstanceUid: study,
      seriesInstanceUid: image.seriesInstanceUid, frameOfReferenceUid: image.frameOfReferenceUid, sopInstanceUid: image.sopInstanceUid, frameNumber: 4,
      viewPlaneNormal: null, viewUp: null, tool, points, text: null, measurements, reader: 'AB', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
    }, lesion.id, 'AB');
    drawing(1, 'EllipticalROI', [[10, 5, 0], [10, 15, 0], [5, 10, 0], [15, 10, 0]], { area: 78.5 });
    drawing(2, 'Length', [[5, 10, 0], [15, 10, 0]], { length: 10 });
    const [written] = exportMeasurementReports(db, study, path.join(dataDir, `sr-${place}`), { appVersion: '0.1.0', lesionIds: [lesion.id] });
    expect(dciodvfy(written!.file).errors).toEqual([]);
    const dump = dsrdump(written!.file);
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('(BM-MEAS-area,99BONEMET,"area")="78.5" (mm2,UCUM,"square millimeter")');
    expect(dump.stdout).toContain('(BM-MEAS-length,99BONEMET,"length")="10" (mm,UCUM,"millimeter")');
  });
});
