import type { Migration } from '../migration';

/**
 * Lesions, their annotations, the readers and the audit trail: the only data that cannot be
 * rebuilt from the files. Records are stored whole as validated JSON (with the schema version
 * inside), plus the columns queries filter on.
 */
export const lesions: Migration = {
  version: 2,
  name: 'lesions',
  up(db) {
    db.exec(`
      CREATE TABLE readers (
        initials TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE lesions (
        id TEXT PRIMARY KEY,
        tracking_uid TEXT NOT NULL UNIQUE,
        study_uid TEXT NOT NULL,
        series_uid TEXT NOT NULL,
        reader TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'final')),
        urgency TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'surgical-opinion', 'routine')),
        record TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX lesions_by_study ON lesions(study_uid, reader);
      CREATE INDEX lesions_by_urgency ON lesions(urgency, updated_at);

      CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        lesion_id TEXT REFERENCES lesions(id) ON DELETE SET NULL,
        study_uid TEXT NOT NULL,
        series_uid TEXT NOT NULL,
        sop_instance_uid TEXT NOT NULL,
        reader TEXT NOT NULL,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX annotations_by_study ON annotations(study_uid);
      CREATE INDEX annotations_by_lesion ON annotations(lesion_id);

      -- Append-only: who changed what, when, with the record before and after.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        reader TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('lesion', 'annotation', 'review')),
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        before TEXT,
        after TEXT
      ) STRICT;
      CREATE INDEX audit_by_entity ON audit_log(entity_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
