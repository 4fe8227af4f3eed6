import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { readAnnotation, restoreAnnotation } from '../../lesions/annotation-store';
import { readLesion, restoreLesion } from '../../lesions/lesion-store';
import { readMeasurementReport, type RestoredReport } from './read-measurement-report';

/** Options of importMeasurementReport. */
export interface ImportReportOptions {
  /** Overwrite stored records even where they were changed after the report was written. */
  replace?: boolean;
}

/** True when the stored copy was saved after the report's copy (compared as instants: offsets differ). */
const storedIsNewer = (stored: { updatedAt: string } | null, reported: { updatedAt: string }) =>
  stored !== null && Date.parse(stored.updatedAt) > Date.parse(reported.updatedAt);

/**
 * Restores the lesions and annotations of a report the app wrote into the database, in one
 * transaction, each under the reader who recorded it and audited under the importing reader.
 * An old report never rolls back newer work silently: when a stored lesion or annotation was
 * saved after the report's copy, nothing is written and the import is refused ('conflict'),
 * naming them, unless options.replace says to overwrite.
 * @param reader - initials of the reader importing the report
 */
export function importMeasurementReport(db: Database.Database, file: string, reader: string, options: ImportReportOptions = {}): RestoredReport {
  const report = readMeasurementReport(file);
  db.transaction(() => {
    if (!options.replace) {
      const newer = [
        ...report.lesions.filter((lesion) => storedIsNewer(readLesion(db, lesion.id), lesion)).map((lesion) => `lesion ${lesion.id} (tracking UID ${lesion.trackingUid})`),
        ...report.annotations.filter((annotation) => storedIsNewer(readAnnotation(db, annotation.id), annotation)).map((annotation) => `annotation ${annotation.id}`),
      ];
      if (newer.length > 0) {
        throw new AppError(
          'conflict',
          `Nothing imported: ${newer.length} record(s) were changed here after this report was written, and importing would roll them back: ${newer.join(', ')}. Import with --replace to overwrite them.`,
        );
      }
    }
    for (const lesion of report.lesions) restoreLesion(db, lesion, reader);
    for (const annotation of report.annotations) restoreAnnotation(db, annotation, reader);
  })();
  return report;
}
