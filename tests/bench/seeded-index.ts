import type Database from 'better-sqlite3';

// A workstation's index as weeks of reading leave it: many studies cached or imported before. The
// rows name files that need not exist: what is measured is what a retrieve or an import pays for
// the index being large, not for reading those files.

/**
 * Adds `count` instances to the index, in series of 300 slices and studies of three series, under
 * UIDs and paths of their own (2.25.9…), in one transaction.
 * @param db - an opened, migrated index
 * @param count - instances to add
 */
export function seedIndexedInstances(db: Database.Database, count: number): void {
  const patient = db.prepare("INSERT INTO patients (patient_key, patient_id, patient_name, sex) VALUES (?, ?, ?, 'O') RETURNING id").pluck();
  const study = db.prepare("INSERT INTO studies (study_uid, patient_ref, study_date, study_time, accession_number, description) VALUES (?, ?, '20260101', '', '', 'seeded') RETURNING id").pluck();
  const series = db.prepare("INSERT INTO series (series_uid, study_ref, modality, series_number, description, body_part) VALUES (?, ?, 'CT', 1, 'seeded', '') RETURNING id").pluck();
  const instance = db.prepare(
    `INSERT INTO instances (sop_instance_uid, series_ref, sop_class_uid, transfer_syntax_uid, instance_number, rows, columns, frames, has_pixel_data, file_path, file_size, file_mtime_ms)
     VALUES (?, ?, '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.1.2.1', ?, 512, 512, 1, 1, ?, 525312, 1765000000000.25)`,
  );
  db.transaction(() => {
    let studyRef = 0;
    let seriesRef = 0;
    for (let i = 0; i < count; i++) {
      const [s, k] = [Math.floor(i / 900), Math.floor(i / 300)];
      if (i % 900 === 0) studyRef = study.get(`2.25.9${s}`, patient.get(`seeded-${s}`, `SEED${s}`, `SEEDED^${s}`)) as number;
      if (i % 300 === 0) seriesRef = series.get(`2.25.9${s}.${k}`, studyRef) as number;
      instance.run(`2.25.9${s}.${k}.${i}`, seriesRef, (i % 300) + 1, `/home/reader/BoneMet/cache/2.25.9${s}/2.25.9${s}.${k}/2.25.9${s}.${k}.${i}.dcm`);
    }
  })();
}
