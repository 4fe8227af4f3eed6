import type Database from 'better-sqlite3';
import { WorklistReaderSchema, type WorklistReader } from '@shared/worklist/worklist';

/**
 * The readers who have recorded lesions, by initials, with the name they gave at this
 * workstation (none for initials that came with lesions recorded elsewhere).
 */
export function worklistReaders(db: Database.Database): WorklistReader[] {
  const rows = db
    .prepare('SELECT l.reader AS initials, r.name FROM (SELECT DISTINCT reader FROM lesions) l LEFT JOIN readers r ON r.initials = l.reader ORDER BY l.reader')
    .all();
  return rows.map((row) => WorklistReaderSchema.parse(row));
}
