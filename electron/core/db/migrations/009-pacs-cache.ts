import type { Migration } from '../migration';

/**
 * The workstation's cache of studies retrieved from the PACS (issue 16). The files live in the
 * data folder's pacs-cache/ and are indexed like imported ones; this table says which studies came
 * from there, how many bytes they hold and when each was last opened, for evicting the least
 * recently opened first. The size limit is a one-row setting. A self-signed certificate trusted
 * for the saved PACS URL joins its row (it belongs to that URL, like the Authorization header).
 */
export const pacsCache: Migration = {
  version: 9,
  name: 'pacs-cache',
  up(db) {
    db.exec(`
      CREATE TABLE pacs_cache_studies (
        study_uid TEXT PRIMARY KEY,
        source_url TEXT NOT NULL,
        bytes INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0),
        retrieved_at TEXT NOT NULL,
        last_opened_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pacs_cache_studies_by_opening ON pacs_cache_studies (last_opened_at);
      CREATE TABLE pacs_cache_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        limit_bytes INTEGER NOT NULL CHECK (limit_bytes > 0)
      ) STRICT;
      ALTER TABLE pacs_server ADD COLUMN trusted_certificate TEXT;
    `);
  },
};
