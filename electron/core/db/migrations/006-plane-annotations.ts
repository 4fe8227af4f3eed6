import type { Migration } from '../migration';

/**
 * Annotations drawn on a reformat lie on a plane of the series' volume, not on one source image:
 * their sop_instance_uid is NULL. SQLite cannot drop a NOT NULL in place, so the table is rebuilt
 * (inside the migration's transaction) with its rows, indexes and foreign key. Nothing references
 * annotations, so dropping the old table with foreign keys on is safe.
 */
export const planeAnnotations: Migration = {
  version: 6,
  name: 'plane-annotations',
  up(db) {
    db.exec(`
      CREATE TABLE annotations_v6 (
        id TEXT PRIMARY KEY,
        lesion_id TEXT REFERENCES lesions(id) ON DELETE SET NULL,
        study_uid TEXT NOT NULL,
        series_uid TEXT NOT NULL,
        sop_instance_uid TEXT,
        reader TEXT NOT NULL,
        record TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO annotations_v6 (rowid, id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at)
        SELECT rowid, id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at FROM annotations;
      DROP TABLE annotations;
      ALTER TABLE annotations_v6 RENAME TO annotations;
      CREATE INDEX annotations_by_study ON annotations(study_uid);
      CREATE INDEX annotations_by_lesion ON annotations(lesion_id);
    `);
  },
};
