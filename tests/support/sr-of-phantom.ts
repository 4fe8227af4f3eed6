import path from 'node:path';
import { exportMeasurementReports } from '../../electron/core/export/sr/export-measurement-reports';
import { phantomFixture, type PhantomFixture } from '../unit/export/dicom-export-fixture';

/** The annotated phantom study and the one SR the app writes of it. */
export interface PhantomReport {
  fixture: PhantomFixture;
  /** The SR file written of the study (in the fixture's data folder, under sr-out). */
  report: string;
}

/** Generates, imports and annotates the phantom (phantomFixture) and exports its SR, as an import test starts from. */
export async function srOfPhantom(): Promise<PhantomReport> {
  const fixture = await phantomFixture();
  const written = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'sr-out'), { appVersion: '0.1.0' });
  if (written.length !== 1) throw new Error(`the phantom study should give one SR, not ${written.length}`);
  return { fixture, report: written[0]!.file };
}
