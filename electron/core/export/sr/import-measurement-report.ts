import type Database from 'better-sqlite3';
import { restoreAnnotation } from '../../lesions/annotation-store';
import { restoreLesion } from '../../lesions/lesion-store';
import { readMeasurementReport, type RestoredReport } from './read-measurement-report';

/**
 * Restores the lesions and annotations of a report the app wrote into the database, in one
 * transaction, each under the reader who recorded it and audited under the importing reader.
 * @param reader - initials of the reader importing the report
 */
export function importMeasurementReport(db: Database.Database, file: string, reader: string): RestoredReport {
  const report = readMeasurementReport(file);
  db.transaction(() => {
    for (const lesion of report.lesions) restoreLesion(db, lesion, reader);
    for (const annotation of report.annotations) restoreAnnotation(db, annotation, reader);
  })();
  return report;
}
