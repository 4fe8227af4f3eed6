import type { Migration } from '../migration';

/**
 * The team on one PACS. What this workstation publishes waits in pacs_outbox (one row per
 * publication, in order; a findings row's content is fixed at its first attempt, so changes made
 * before then join it) and what it has published is in pacs_documents (the version chain of each
 * document). What it received: pacs_seen (every SR instance of the team already looked at, so a
 * sync reads only new ones), received_documents (each other workstation's document, its newest
 * version applied here and the study header it carried), and an origin on lesions, annotations and
 * reviews (NULL: recorded here; else the received document's key: read-only here).
 * received_conflicts keeps versions that differ from a record kept here; pending_reviews keeps
 * decisions received before their lesion. The PACS settings gain the sync interval.
 */
export const teamSync: Migration = {
  version: 10,
  name: 'team-sync',
  up(db) {
    db.exec(`
      CREATE TABLE pacs_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('findings', 'review')),
        study_uid TEXT NOT NULL,
        reader TEXT NOT NULL,
        record_id TEXT NOT NULL DEFAULT '',
        enqueued_at TEXT NOT NULL,
        version INTEGER,
        sop_instance_uid TEXT UNIQUE,
        snapshot TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        problem TEXT,
        CHECK ((snapshot IS NULL) = (sop_instance_uid IS NULL))
      ) STRICT;
      -- At most one publication of a document whose content is not fixed yet: later changes join it.
      CREATE UNIQUE INDEX pacs_outbox_one_open ON pacs_outbox(kind, study_uid, reader, record_id) WHERE snapshot IS NULL;

      CREATE TABLE pacs_documents (
        kind TEXT NOT NULL CHECK (kind IN ('findings', 'review')),
        study_uid TEXT NOT NULL,
        reader TEXT NOT NULL,
        record_id TEXT NOT NULL DEFAULT '',
        version INTEGER NOT NULL,
        instance_number INTEGER NOT NULL,
        sop_instance_uid TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        lesions TEXT NOT NULL,
        PRIMARY KEY (kind, study_uid, reader, record_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE pacs_seen (
        sop_instance_uid TEXT PRIMARY KEY,
        series_uid TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        outcome TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX pacs_seen_by_series ON pacs_seen(series_uid);

      CREATE TABLE received_documents (
        document_key TEXT PRIMARY KEY,
        workstation_id TEXT NOT NULL,
        workstation TEXT NOT NULL,
        study_uid TEXT NOT NULL,
        reader TEXT NOT NULL,
        reader_name TEXT,
        patient_name TEXT NOT NULL,
        patient_id TEXT NOT NULL,
        study_date TEXT,
        version INTEGER NOT NULL,
        sop_instance_uid TEXT NOT NULL,
        header TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX received_documents_by_study ON received_documents(study_uid);

      ALTER TABLE lesions ADD COLUMN origin TEXT;
      ALTER TABLE annotations ADD COLUMN origin TEXT;
      ALTER TABLE reviews ADD COLUMN origin TEXT;

      CREATE TABLE received_conflicts (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL CHECK (entity IN ('lesion', 'annotation')),
        entity_id TEXT NOT NULL,
        document_key TEXT NOT NULL,
        version INTEGER NOT NULL,
        record TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (entity, entity_id, document_key, version)
      ) STRICT;
      CREATE INDEX received_conflicts_by_entity ON received_conflicts(entity_id);

      CREATE TABLE pending_reviews (
        review_id TEXT PRIMARY KEY,
        lesion_id TEXT NOT NULL,
        document_key TEXT NOT NULL,
        record TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      ALTER TABLE pacs_server ADD COLUMN sync_interval_seconds INTEGER NOT NULL DEFAULT 30 CHECK (sync_interval_seconds BETWEEN 5 AND 3600);
    `);
  },
};
