import type Database from 'better-sqlite3';
import { WorklistReaderSchema, type WorklistReader } from '@shared/worklist/worklist';

/**
 * The readers who have recorded lesions, by initials, with the name they gave at this
 * workstation, else the name a publication of the team named them by (none for initials that
 * came only with lesions of an SR import or the CLI).
 */
export function worklistReaders(db: Database.Database): WorklistReader[] {
  const rows = db
    .prepare(
      `SELECT l.reader AS initials, COALESCE(r.name, (SELECT d.reader_name FROM received_documents d WHERE d.reader = l.reader AND d.reader_name IS NOT NULL LIMIT 1)) AS name
       FROM (SELECT DISTINCT reader FROM lesions) l LEFT JOIN readers r ON r.initials = l.reader ORDER BY l.reader`,
    )
    .all();
  return rows.map((row) => WorklistReaderSchema.parse(row));
}
