import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { retireInstanceIds } from '../../index/retired-instance-ids';
import { cachedStudyFolder } from './cache-folder';
import { cacheLimit } from './cache-store';
import { studiesInUse } from './study-leases';
import { studiesPinnedInCache } from './studies-pinned-in-cache';
import { writeTransaction } from '../../db/write-transaction';

/**
 * Removes one cached study: its files below the cache folder and their index rows (instances,
 * then series, studies and patients left empty). Instances of the study imported from elsewhere
 * are not the cache's: they and their files stay.
 */
export function removeCachedStudy(db: Database.Database, root: string, studyInstanceUid: string): void {
  const folder = cachedStudyFolder(root, studyInstanceUid);
  const prefix = folder + path.sep;
  writeTransaction(db, () => {
    retireInstanceIds(db);
    // LIKE would treat "_" and "%" in the path as wildcards: compare the prefix exactly.
    db.prepare('DELETE FROM instances WHERE substr(file_path, 1, ?) = ?').run(prefix.length, prefix);
    db.prepare('DELETE FROM scanned_files WHERE substr(path, 1, ?) = ?').run(prefix.length, prefix);
    db.exec(`
      DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM instances WHERE series_ref = series.id);
      DELETE FROM studies WHERE NOT EXISTS (SELECT 1 FROM series WHERE study_ref = studies.id);
      DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = patients.id);`);
    db.prepare('DELETE FROM pacs_cache_studies WHERE study_uid = ?').run(studyInstanceUid);
  });
  // After the rows: a crash between the two leaves files nobody points at, never rows without files.
  fs.rmSync(folder, { recursive: true, force: true });
}

/**
 * Evicts the least recently opened cached studies until the cache fits its limit, never one
 * pinned (findings not yet sent), one a viewer holds (in any process: its files are being read),
 * nor one of `keep` (being retrieved).
 * @returns the evicted Study Instance UIDs, oldest opening first
 */
export function evictToLimit(db: Database.Database, root: string, keep: ReadonlySet<string> = new Set()): string[] {
  const limit = cacheLimit(db);
  const rows = db.prepare('SELECT study_uid AS uid, bytes FROM pacs_cache_studies ORDER BY last_opened_at, study_uid').all() as { uid: string; bytes: number }[];
  let used = rows.reduce((sum, r) => sum + r.bytes, 0);
  if (used <= limit) return [];
  const pinned = studiesPinnedInCache(db);
  const inUse = studiesInUse(root);
  const evicted: string[] = [];
  for (const row of rows) {
    if (used <= limit) break;
    if (pinned.has(row.uid) || inUse.has(row.uid) || keep.has(row.uid)) continue;
    removeCachedStudy(db, root, row.uid);
    used -= row.bytes;
    evicted.push(row.uid);
  }
  return evicted;
}
