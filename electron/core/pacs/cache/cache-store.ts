import type Database from 'better-sqlite3';
import { DEFAULT_CACHE_LIMIT_BYTES, type PacsCache } from '@shared/pacs/pacs-cache';
import { studiesPinnedInCache } from './studies-pinned-in-cache';

/** The cache's size limit (the default until one is saved). */
export function cacheLimit(db: Database.Database): number {
  return (db.prepare('SELECT limit_bytes FROM pacs_cache_settings WHERE id = 1').pluck().get() as number | undefined) ?? DEFAULT_CACHE_LIMIT_BYTES;
}

/** Saves the cache's size limit. */
export function setCacheLimit(db: Database.Database, limitBytes: number): void {
  db.prepare('INSERT INTO pacs_cache_settings (id, limit_bytes) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET limit_bytes = excluded.limit_bytes').run(limitBytes);
}

/** Notes a study as cached from `sourceUrl`, opened now; its bytes grow as files arrive. */
export function recordCachedStudy(db: Database.Database, studyInstanceUid: string, sourceUrl: string): void {
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO pacs_cache_studies (study_uid, source_url, bytes, retrieved_at, last_opened_at) VALUES (?, ?, 0, ?, ?)
     ON CONFLICT(study_uid) DO UPDATE SET source_url = excluded.source_url, retrieved_at = excluded.retrieved_at, last_opened_at = excluded.last_opened_at`,
  ).run(studyInstanceUid, sourceUrl, now, now);
}

/** Forgets a cached study that holds nothing (its first retrieve failed before any file arrived). */
export function forgetIfEmpty(db: Database.Database, studyInstanceUid: string): void {
  db.prepare('DELETE FROM pacs_cache_studies WHERE study_uid = ? AND bytes = 0').run(studyInstanceUid);
}

/** Adds the bytes of files just cached to their study. */
export function addCachedBytes(db: Database.Database, studyInstanceUid: string, bytes: number): void {
  db.prepare('UPDATE pacs_cache_studies SET bytes = bytes + ? WHERE study_uid = ?').run(bytes, studyInstanceUid);
}

/** Marks a cached study as opened now (it moves to the back of the eviction order); no-op for others. */
export function markStudyOpened(db: Database.Database, studyInstanceUid: string): void {
  db.prepare('UPDATE pacs_cache_studies SET last_opened_at = ? WHERE study_uid = ?').run(new Date().toISOString(), studyInstanceUid);
}

/** The cache as the settings dialog shows it. */
export function cacheStatus(db: Database.Database): PacsCache {
  const { used, studies } = db.prepare('SELECT coalesce(sum(bytes), 0) AS used, count(*) AS studies FROM pacs_cache_studies').get() as { used: number; studies: number };
  const cached = db.prepare('SELECT study_uid FROM pacs_cache_studies').pluck().all() as string[];
  const pinned = studiesPinnedInCache(db);
  return { limitBytes: cacheLimit(db), usedBytes: used, studies, pinnedStudies: cached.filter((uid) => pinned.has(uid)).length };
}
