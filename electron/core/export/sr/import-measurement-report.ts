import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { readAnnotation, restoreAnnotation } from '../../lesions/annotation-store';
import { latestDeletion } from '../../lesions/audit-log';
import { readLesion, restoreLesion } from '../../lesions/lesion-store';
import { readMeasurementReport, type RestoredReport } from './read-measurement-report';

/** Options of importMeasurementReport. */
export interface ImportReportOptions {
  /** Overwrite the importing reader's own records even where they were changed or deleted after the report was written. */
  replace?: boolean;
}

type RecordKind = 'lesion' | 'annotation';

/** A record of the report as it stands here: stored, deleted here (the record as it was), or neither. */
interface RecordHere {
  kind: RecordKind;
  reported: Lesion | Annotation;
  /** "lesion <id>", "annotation <id>". */
  name: string;
  /** What else names it ("tracking UID ..."). */
  details: string[];
  stored: Lesion | Annotation | null;
  deleted: { at: string; before: { reader?: unknown } | null } | null;
}

/** True when the instant stored is after the report's copy (compared as instants: offsets differ). */
const isLater = (stored: string, reported: { updatedAt: string }) => Date.parse(stored) > Date.parse(reported.updatedAt);

function recordHere(db: Database.Database, kind: RecordKind, reported: Lesion | Annotation, details: string[]): RecordHere {
  const stored = kind === 'lesion' ? readLesion(db, reported.id) : readAnnotation(db, reported.id);
  const deleted = stored ? null : (latestDeletion(db, kind, reported.id) as RecordHere['deleted']);
  return { kind, reported, name: `${kind} ${reported.id}`, details, stored, deleted };
}

/** A record named for a message, with its details and any notes in brackets. */
const described = (record: RecordHere, notes: string[] = []) => {
  const all = [...record.details, ...notes];
  return all.length > 0 ? `${record.name} (${all.join(', ')})` : record.name;
};

/**
 * The readers a record belongs to: the one the report names and, when the record is stored or
 * was deleted here, the one it was recorded by here. A report is an editable file: what it says
 * alone never makes a record anyone's.
 */
function ownersOf(record: RecordHere): string[] {
  const here = record.stored?.reader ?? record.deleted?.before?.reader;
  return [...new Set([record.reported.reader, ...(typeof here === 'string' ? [here] : [])])];
}

/** Where importing would roll a record back: it was saved, or deleted, here after the report's copy. */
function rollbackOf(record: RecordHere): string | null {
  if (record.stored) return isLater(record.stored.updatedAt, record.reported) ? described(record) : null;
  return record.deleted !== null && isLater(record.deleted.at, record.reported) ? `${described(record)}, deleted here at ${record.deleted.at}` : null;
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
  db.transaction(() => {
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
  })();
  return report;
}
