import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { readAnnotation, restoreAnnotation } from '../../lesions/annotation-store';
import { deletedAt } from '../../lesions/audit-log';
import { readLesion, restoreLesion } from '../../lesions/lesion-store';
import { readMeasurementReport, type RestoredReport } from './read-measurement-report';

/** Options of importMeasurementReport. */
export interface ImportReportOptions {
  /** Overwrite the importing reader's own records even where they were changed or deleted after the report was written. */
  replace?: boolean;
}

/** A stored record the report would roll back, and whose change that would undo. */
interface Rollback {
  what: string;
  reader: string;
}

/** True when the instant stored is after the report's copy (compared as instants: offsets differ). */
const isLater = (stored: string, reported: { updatedAt: string }) => Date.parse(stored) > Date.parse(reported.updatedAt);

/**
 * What importing a report's copy would roll back: a stored copy saved after it, or a deletion
 * made after it (the latest audit row of the id). Null when neither.
 */
function rollbackOf(db: Database.Database, kind: 'lesion' | 'annotation', reported: Lesion | Annotation, name: string): Rollback | null {
  const stored = kind === 'lesion' ? readLesion(db, reported.id) : readAnnotation(db, reported.id);
  if (stored) return isLater(stored.updatedAt, reported) ? { what: name, reader: stored.reader } : null;
  const deleted = deletedAt(db, kind, reported.id);
  return deleted !== null && isLater(deleted, reported) ? { what: `${name}, deleted here at ${deleted}`, reader: reported.reader } : null;
}

/**
 * Restores the lesions and annotations of a report the app wrote into the database, in one
 * transaction, each under the reader who recorded it and audited under the importing reader.
 * An old report never rolls back newer work silently: when a stored lesion or annotation was
 * saved, or deleted, after the report's copy, nothing is written and the import is refused
 * ('conflict'), naming them, unless options.replace says to overwrite. Even then only the
 * importing reader's own are overwritten: rolling back another reader's is refused ('forbidden').
 * @param reader - initials of the reader importing the report
 */
export function importMeasurementReport(db: Database.Database, file: string, reader: string, options: ImportReportOptions = {}): RestoredReport {
  const report = readMeasurementReport(file);
  db.transaction(() => {
    const rollbacks = [
      ...report.lesions.map((lesion) => rollbackOf(db, 'lesion', lesion, `lesion ${lesion.id} (tracking UID ${lesion.trackingUid})`)),
      ...report.annotations.map((annotation) => rollbackOf(db, 'annotation', annotation, `annotation ${annotation.id}`)),
    ].filter((rollback) => rollback !== null);
    if (!options.replace && rollbacks.length > 0) {
      throw new AppError(
        'conflict',
        `Nothing imported: ${rollbacks.length} record(s) were changed or deleted here after this report was written, and importing would roll them back: ${rollbacks.map((r) => r.what).join(', ')}. Import with --replace to overwrite them.`,
      );
    }
    const others = rollbacks.filter((rollback) => rollback.reader !== reader);
    if (others.length > 0) {
      throw new AppError(
        'forbidden',
        `Nothing imported: ${others.length} record(s) were changed or deleted after this report by another reader, and only they may roll them back, not ${reader}: ${others.map((r) => `${r.what} (${r.reader}'s)`).join(', ')}.`,
      );
    }
    for (const lesion of report.lesions) restoreLesion(db, lesion, reader);
    for (const annotation of report.annotations) restoreAnnotation(db, annotation, reader);
  })();
  return report;
}
