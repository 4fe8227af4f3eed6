import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { restoreAnnotation } from '../../lesions/annotation-store';
import { restoreLesion } from '../../lesions/lesion-store';
import { described, ownersOf, recordHere, rollbackOf } from './own-record-rules';
import { readMeasurementReport, type RestoredReport } from './read-measurement-report';
import { writeTransaction } from '../../db/write-transaction';

/** Options of importMeasurementReport. */
export interface ImportReportOptions {
  /** Overwrite the importing reader's own records even where they were changed or deleted after the report was written. */
  replace?: boolean;
}

/**
 * Restores the lesions and annotations of a report the app wrote into the database, in one
 * transaction, audited under the importing reader. Only the importing reader's own records: a
 * report holding any record that is, or was here, another reader's is refused ('forbidden'),
 * naming those records, whatever its timestamps say, and nothing is written. An old report never
 * rolls back newer work silently: when a stored record was saved, or deleted, after the report's
 * copy, the import is refused ('conflict'), naming them, unless options.replace says to overwrite.
 * @param reader - initials of the reader importing the report
 */
export function importMeasurementReport(db: Database.Database, file: string, reader: string, options: ImportReportOptions = {}): RestoredReport {
  const report = readMeasurementReport(file);
  writeTransaction(db, () => {
    const records = [
      ...report.lesions.map((lesion) => recordHere(db, 'lesion', lesion, [`tracking UID ${lesion.trackingUid}`])),
      ...report.annotations.map((annotation) => recordHere(db, 'annotation', annotation, [])),
    ];
    const others = records.filter((record) => ownersOf(record).some((owner) => owner !== reader));
    if (others.length > 0) {
      const named = others.map((r) => described(r, [`${ownersOf(r).filter((o) => o !== reader).join(' and ')}'s`, ...(r.deleted ? ['deleted here'] : [])]));
      throw new AppError(
        'forbidden',
        `Nothing imported: this report holds ${others.length} record(s) that are not ${reader}'s, and only a record's own reader restores it: ${named.join(', ')}.`,
      );
    }
    const rollbacks = records.map(rollbackOf).filter((what) => what !== null);
    if (!options.replace && rollbacks.length > 0) {
      throw new AppError(
        'conflict',
        `Nothing imported: ${rollbacks.length} record(s) were changed or deleted here after this report was written, and importing would roll them back: ${rollbacks.join(', ')}. Import with --replace to overwrite them.`,
      );
    }
    for (const lesion of report.lesions) restoreLesion(db, lesion, reader);
    for (const annotation of report.annotations) restoreAnnotation(db, annotation, reader);
  });
  return report;
}
