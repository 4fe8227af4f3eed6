import type Database from 'better-sqlite3';

/**
 * The studies the PACS cache must never evict: for now every study with any lesion, annotation or
 * review recorded on this workstation, since this workstation may hold the only copy of them
 * (findings not yet sent). Refined with the outbox's state once findings are published.
 */
export function studiesPinnedInCache(db: Database.Database): Set<string> {
  const uids = db
    .prepare(
      `SELECT study_uid FROM lesions
       UNION SELECT study_uid FROM annotations
       UNION SELECT l.study_uid FROM reviews r JOIN lesions l ON l.id = r.lesion_id`,
    )
    .pluck()
    .all() as string[];
  return new Set(uids);
}
