import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION } from '@shared/annotation/annotation';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// Cornerstone3D's JPEG-LS test pattern is a Secondary Capture with a position, an orientation and
// a Pixel Spacing but no Frame of Reference UID. A SEG places its frames in its source's frame of
// reference (Type 1): it wrote an empty one, which dciodvfy reports and no reader can place.

let dataDir: string;
let db: Database.Database;
let study: string;
beforeAll(async () => {
  dataDir = temporaryFolder('seg-no-for');
  db = openDatabase(dataDir);
  await runImport(db, [path.join(SHARED_DICOM, 'cornerstone3d/TestPattern_JPEG-LS-NearLossless.dcm')]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  study = (db.prepare('SELECT study_uid FROM studies').get() as { study_uid: string }).study_uid;
  const image = studyInstances(db, study)[0]!;
  expect([image.frameOfReferenceUid, image.imagePositionPatient !== null, image.pixelSpacing]).toEqual([null, true, [1, 1]]);
  const lesion = makeLesion({ studyInstanceUid: study, seriesInstanceUid: image.seriesInstanceUid, largestDimensionMm: typed(10), status: 'final' });
  saveLesion(db, lesion, 'AB');
  saveAttachedDrawing(db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'd0000000-0000-4000-8000-0000000000f0', lesionId: null, studyInstanceUid: study, seriesInstanceUid: image.seriesInstanceUid,
    frameOfReferenceUid: null, sopInstanceUid: image.sopInstanceUid, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool: 'EllipticalROI',
    points: [[100, 90, 0.5], [100, 110, 0.5], [90, 100, 0.5], [110, 100, 0.5]], text: null, measurements: { area: 314 },
    reader: 'AB', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  }, lesion.id, 'AB');
});
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a SEG of an area drawn on an image with no frame of reference', () => {
  it('is refused with the reason, and nothing is written', () => {
    const out = path.join(dataDir, 'seg');
    expect(() => exportSegmentations(db, study, out, { appVersion: '0.1.0' })).toThrow(/No lesion of study [0-9.]+ has a drawn area to segment \(1 lesion, each with no area .* drawn on an image \(or a frame of a multi-frame image\) with patient geometry \(a position, an orientation, a pixel spacing and a frame of reference\)\)\. Nothing was written/);
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  });
});
