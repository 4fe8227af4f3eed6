import type Database from 'better-sqlite3';
import { saveAnnotation } from '../../lesions/annotation-store';
import { saveLesion } from '../../lesions/lesion-store';
import { readMeasurementReport, type RestoredReport } from './read-measurement-report';

/**
 * Restores the lesions and annotations of a report the app wrote into the database, in one
 * transaction, each save audited under the importing reader.
 * @param reader - initials of the reader importing the report
 */
export function importMeasurementReport(db: Database.Database, file: string, reader: string): RestoredReport {
  const report = readMeasurementReport(file);
  db.transaction(() => {
    for (const lesion of report.lesions) saveLesion(db, lesion, reader);
    for (const annotation of report.annotations) saveAnnotation(db, annotation, reader);
  })();
  return report;
}
