import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import { openDatabase } from '../../electron/core/db/open-database';
import { runImport } from '../../electron/core/importer/run-import';
import { studyInstances } from '../../electron/core/index/instance-queries';
import { saveAnnotation } from '../../electron/core/lesions/annotation-store';
import { setCurrentReader } from '../../electron/core/lesions/reader-settings';
import { temporaryFolder } from './paths';
import { DX_RADIOGRAPH } from './radiograph-in-study';
import { writeRadiographVariant } from './radiograph-variants';

/** A data folder whose only image is a real DX radiograph stating a magnification factor, imported. */
export interface MagnifiedRadiograph {
  dataDir: string;
  db: Database.Database;
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  /** Closes the database and removes the folder. */
  cleanup(): void;
}

/**
 * Writes the real DX radiograph with 0.2 mm detector spacing and the Estimated Radiographic
 * Magnification Factor given, imports it into a fresh data folder (reader AB), and names its image.
 * @param name - the folder's and the copy's name
 */
export async function magnifiedRadiograph(name: string, magnificationFactor: number): Promise<MagnifiedRadiograph> {
  const dataDir = temporaryFolder(name);
  const images = path.join(dataDir, 'images');
  writeRadiographVariant(DX_RADIOGRAPH, path.join(images, `${name}.dcm`), { pixelSpacing: [0.2, 0.2], imagerPixelSpacing: [0.2, 0.2], magnificationFactor, uidSuffix: name });
  const db = openDatabase(dataDir);
  await runImport(db, [images]);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  const studyUid = db.prepare('SELECT study_uid FROM studies').pluck().get() as string;
  const [instance] = studyInstances(db, studyUid);
  return {
    dataDir, db, studyUid, seriesUid: instance!.seriesInstanceUid, sopInstanceUid: instance!.sopInstanceUid,
    cleanup: () => {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Saves (as AB) a vertical Length drawing of `lengthMm` on the radiograph, as the viewer stores one. */
export function drawLength(radiograph: MagnifiedRadiograph, id: string, lengthMm: number): Annotation {
  return saveAnnotation(radiograph.db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id, lesionId: null, studyInstanceUid: radiograph.studyUid, seriesInstanceUid: radiograph.seriesUid, sopInstanceUid: radiograph.sopInstanceUid,
    frameOfReferenceUid: null, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool: 'Length', points: [[10, 10, 0], [10, 10 + lengthMm, 0]], text: null, measurements: { length: lengthMm },
    reader: 'AB', createdAt: '2026-02-01T10:00:00.000Z', updatedAt: '2026-02-01T10:00:00.000Z',
  }, 'AB');
}
