import type { Migration } from '../migration';

/**
 * The DICOM index: patients, studies, series, instances, and the files seen by imports.
 * It is a cache of the files on disk; everything here can be rebuilt by importing again.
 */
export const dicomIndex: Migration = {
  version: 1,
  name: 'dicom-index',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        patient_key TEXT NOT NULL UNIQUE,
        patient_id TEXT NOT NULL,
        patient_name TEXT NOT NULL,
        birth_date TEXT,
        sex TEXT NOT NULL
      ) STRICT;

      CREATE TABLE studies (
        id INTEGER PRIMARY KEY,
        study_uid TEXT NOT NULL UNIQUE,
        patient_ref INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
        study_date TEXT,
        study_time TEXT NOT NULL,
        accession_number TEXT NOT NULL,
        description TEXT NOT NULL
      ) STRICT;
      CREATE INDEX studies_by_patient ON studies(patient_ref);
      CREATE INDEX studies_by_date ON studies(study_date);

      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        series_uid TEXT NOT NULL UNIQUE,
        study_ref INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
        modality TEXT NOT NULL,
        series_number INTEGER,
        description TEXT NOT NULL,
        body_part TEXT NOT NULL,
        frame_of_reference_uid TEXT
      ) STRICT;
      CREATE INDEX series_by_study ON series(study_ref);

      CREATE TABLE instances (
        id INTEGER PRIMARY KEY,
        sop_instance_uid TEXT NOT NULL UNIQUE,
        series_ref INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
        sop_class_uid TEXT NOT NULL,
        transfer_syntax_uid TEXT NOT NULL,
        instance_number INTEGER,
        rows INTEGER,
        columns INTEGER,
        frames INTEGER,
        pixel_spacing TEXT,
        slice_thickness REAL,
        image_position TEXT,
        image_orientation TEXT,
        has_pixel_data INTEGER NOT NULL,
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        file_mtime_ms REAL NOT NULL
      ) STRICT;
      CREATE INDEX instances_by_series ON instances(series_ref);
      CREATE INDEX instances_by_file ON instances(file_path);

      -- Every file an import looked at, so that an unchanged file is skipped next time.
      CREATE TABLE scanned_files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('indexed', 'duplicate', 'dicomdir', 'reported')),
        reason TEXT,
        sop_instance_uid TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX scanned_files_by_sop ON scanned_files(sop_instance_uid);

      CREATE TABLE import_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        sources TEXT NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
    `);
  },
};
