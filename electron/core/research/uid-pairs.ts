import type Database from 'better-sqlite3';
import { writeTransaction } from '../db/write-transaction';

/**
 * Records which original UID each de-identified UID of an export stands for (export_uid_map), on
 * this workstation only, once: a pair an earlier export recorded is left as it is.
 * @param exportId - the export run that first wrote the pairs
 */
export function recordUidPairs(db: Database.Database, exportId: number, pairs: readonly (readonly [original: string, replacement: string])[]): void {
  if (pairs.length === 0) return;
  const insert = db.prepare('INSERT OR IGNORE INTO export_uid_map (export_id, original_uid, pseudonym_uid) VALUES (?, ?, ?)');
  writeTransaction(db, () => {
    for (const [original, replacement] of pairs) insert.run(exportId, original, replacement);
  });
}
