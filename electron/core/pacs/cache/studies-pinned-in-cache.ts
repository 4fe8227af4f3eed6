import type Database from 'better-sqlite3';
import { findingsContent } from '../publication-snapshot';
import { contentHash } from '../team-identity';

/**
 * The studies the PACS cache must never evict: those with findings recorded here and not yet sent,
 * as this workstation may hold their only copy. That is a study with a publication waiting in the
 * outbox; with a lesion or drawing of its own that no publication carries (a draft, a drawing of no
 * final lesion); with a reader's final findings whose last version sent is not what they hold now
 * (changed, or never sent: no PACS was set); or with a decision of its own never sent. Other
 * workstations' records came from the PACS and pin nothing.
 */
export function studiesPinnedInCache(db: Database.Database): Set<string> {
  const pinned = new Set(
    db
      .prepare(
        `SELECT study_uid FROM pacs_outbox
         UNION SELECT study_uid FROM lesions WHERE origin IS NULL AND status <> 'final'
         UNION SELECT a.study_uid FROM annotations a WHERE a.origin IS NULL
           AND NOT EXISTS (SELECT 1 FROM lesions l WHERE l.id = a.lesion_id AND l.status = 'final' AND l.origin IS NULL)
         UNION SELECT l.study_uid FROM reviews r JOIN lesions l ON l.id = r.lesion_id WHERE r.origin IS NULL
           AND NOT EXISTS (SELECT 1 FROM pacs_documents d WHERE d.kind = 'review' AND d.record_id = r.id AND d.sent_to IS NOT NULL)`,
      )
      .pluck()
      .all() as string[],
  );
  // Each reader's findings held now, and each document once published (its lesions may all be
  // withdrawn since), on the studies in the cache only: comparing contents reads every lesion.
  const findings = db
    .prepare(
      `SELECT study_uid, reader FROM (
         SELECT study_uid, reader FROM lesions WHERE origin IS NULL AND status = 'final'
         UNION SELECT study_uid, reader FROM pacs_documents WHERE kind = 'findings')
       WHERE study_uid IN (SELECT study_uid FROM pacs_cache_studies)`,
    )
    .all() as { study_uid: string; reader: string }[];
  const sentHash = db.prepare("SELECT content_hash FROM pacs_documents WHERE kind = 'findings' AND study_uid = ? AND reader = ? AND sent_to IS NOT NULL").pluck();
  for (const document of findings) {
    if (pinned.has(document.study_uid)) continue;
    if (sentHash.get(document.study_uid, document.reader) !== contentHash(findingsContent(db, document))) pinned.add(document.study_uid);
  }
  return pinned;
}
