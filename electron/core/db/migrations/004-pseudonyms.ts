import type { Migration } from '../migration';

/**
 * What research exports need to stay consistent and never leak: the pseudonym and date shift of
 * each patient (kept across exports, so that a patient's studies stay linked and their intervals
 * true), each export run, and each run's map from original to replacement UIDs (one map per export,
 * shared by its images, SEG and SR). These tables never leave the machine: no export writes them.
 */
export const pseudonyms: Migration = {
  version: 4,
  name: 'pseudonyms',
  up(db) {
    db.exec(`
      CREATE TABLE pseudonym_patients (
        patient_key TEXT PRIMARY KEY,
        pseudonym TEXT NOT NULL UNIQUE,
        date_shift_days INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE export_runs (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT CHECK (outcome IN ('complete', 'cancelled', 'failed')),
        out_dir TEXT NOT NULL,
        options TEXT NOT NULL
      ) STRICT;

      CREATE TABLE export_uid_map (
        export_id INTEGER NOT NULL REFERENCES export_runs(id) ON DELETE CASCADE,
        original_uid TEXT NOT NULL,
        pseudonym_uid TEXT NOT NULL UNIQUE,
        PRIMARY KEY (export_id, original_uid)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
