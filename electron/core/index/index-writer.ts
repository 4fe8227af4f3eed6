import type Database from 'better-sqlite3';
import type { InstanceHeader } from '../dicom/instance-header';
import type { FoundFile } from '../importer/file-walk';
import { isImportedFile } from './indexed-file';
import { NEW_INSTANCE_ID_SQL, retireInstanceIds } from './retired-instance-ids';
import type { ScanOutcome } from './known-files';

const MISLABELLED = 'one of the two files is mislabelled, so this one is not indexed';

/** What indexing one file's instance did; a duplicate names the file that holds the instance. */
export type AddedInstance =
  | { outcome: 'indexed'; orphans: string[]; seriesRef: number }
  | { outcome: 'duplicate'; orphans: string[]; seriesRef: number; duplicateOf: string }
  /** The file's UIDs contradict what the index holds (its series in another study, its instance in another series): not indexed, nor remembered, so that it is read again once that is sorted out. */
  | { outcome: 'conflict'; orphans: string[]; reason: string };

/**
 * Writes imported headers into the index: patients, studies and series created on first
 * sight, instances keyed by SOP Instance UID (the first file wins; later copies are duplicates).
 * Indexed files are remembered by their instance row; every other outcome in scanned_files.
 */
export class IndexWriter {
  private readonly patientIds = new Map<string, number>();
  private readonly studyIds = new Map<string, number>();
  /** Series rows by Series Instance UID, with the study each is indexed in. */
  private readonly seriesIds = new Map<string, { id: number; studyUid: string }>();
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertPatient: db.prepare(
        `INSERT INTO patients (patient_key, patient_id, patient_name, birth_date, sex) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(patient_key) DO UPDATE SET birth_date = coalesce(patients.birth_date, excluded.birth_date) RETURNING id`,
      ),
      insertStudy: db.prepare(
        `INSERT INTO studies (study_uid, patient_ref, study_date, study_time, accession_number, description) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(study_uid) DO UPDATE SET description = CASE WHEN studies.description = '' THEN excluded.description ELSE studies.description END
         RETURNING id`,
      ),
      insertSeries: db.prepare(
        `INSERT INTO series (series_uid, study_ref, modality, series_number, description, body_part, frame_of_reference_uid) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(series_uid) DO UPDATE SET frame_of_reference_uid = coalesce(series.frame_of_reference_uid, excluded.frame_of_reference_uid)
         RETURNING id`,
      ),
      instanceFile: db.prepare(
        'SELECT i.file_path AS path, i.file_size AS size, i.file_mtime_ms AS mtimeMs, se.series_uid AS seriesUid FROM instances i JOIN series se ON se.id = i.series_ref WHERE i.sop_instance_uid = ?',
      ),
      seriesStudy: db.prepare('SELECT se.id, st.study_uid AS studyUid FROM series se JOIN studies st ON st.id = se.study_ref WHERE se.series_uid = ?'),
      othersInSeries: db.prepare('SELECT 1 FROM instances WHERE series_ref = ? AND file_path <> ? LIMIT 1').pluck(),
      moveSeries: db.prepare('UPDATE series SET study_ref = ? WHERE id = ?'),
      deleteInstanceAtPath: db.prepare('DELETE FROM instances WHERE file_path = ? AND sop_instance_uid <> ? RETURNING sop_instance_uid').pluck(),
      forgetDuplicatesOf: db.prepare("DELETE FROM scanned_files WHERE outcome = 'duplicate' AND sop_instance_uid = ? RETURNING path").pluck(),
      upsertInstance: db.prepare(
        `INSERT INTO instances (id, sop_instance_uid, series_ref, sop_class_uid, transfer_syntax_uid, instance_number, rows, columns, frames,
           pixel_spacing, imager_pixel_spacing, pixel_spacing_calibration_type, magnification_factor, slice_thickness, image_position, image_orientation, has_pixel_data, file_path, file_size, file_mtime_ms)
         VALUES (${NEW_INSTANCE_ID_SQL}, @sop, @series, @sopClass, @syntax, @instanceNumber, @rows, @columns, @frames,
           @pixelSpacing, @imagerPixelSpacing, @calibrationType, @magnification, @sliceThickness, @position, @orientation, @hasPixels, @path, @size, @mtime)
         ON CONFLICT(sop_instance_uid) DO UPDATE SET series_ref = excluded.series_ref, sop_class_uid = excluded.sop_class_uid,
           transfer_syntax_uid = excluded.transfer_syntax_uid, instance_number = excluded.instance_number, rows = excluded.rows,
           columns = excluded.columns, frames = excluded.frames, pixel_spacing = excluded.pixel_spacing,
           imager_pixel_spacing = excluded.imager_pixel_spacing, pixel_spacing_calibration_type = excluded.pixel_spacing_calibration_type,
           magnification_factor = excluded.magnification_factor,
           slice_thickness = excluded.slice_thickness, image_position = excluded.image_position,
           image_orientation = excluded.image_orientation, has_pixel_data = excluded.has_pixel_data,
           file_path = excluded.file_path, file_size = excluded.file_size, file_mtime_ms = excluded.file_mtime_ms`,
      ),
      upsertScanned: db.prepare(
        `INSERT INTO scanned_files (path, size, mtime_ms, outcome, reason, sop_instance_uid) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, outcome = excluded.outcome,
           reason = excluded.reason, sop_instance_uid = excluded.sop_instance_uid`,
      ),
      forgetScanned: db.prepare('DELETE FROM scanned_files WHERE path = ?'),
    };
  }

  /** Records a file that did not become an instance (duplicate, DICOMDIR, reported). */
  recordScan(file: FoundFile, outcome: Exclude<ScanOutcome, 'indexed'>, reason: string | null, sopInstanceUid: string | null, wasKnown: boolean): string[] {
    // A file seen before may have held an instance that it no longer does.
    const orphans = wasKnown ? this.forgetInstanceAt(file.path, '') : [];
    this.statements.upsertScanned.run(file.path, file.size, file.mtimeMs, outcome, reason, sopInstanceUid);
    return orphans;
  }

  /** Forgets a file that could not be read: the instance it held and its scan record, so that the next import reads it again. */
  forgetFile(file: FoundFile, wasKnown: boolean): string[] {
    if (!wasKnown) return [];
    const orphans = this.forgetInstanceAt(file.path, '');
    this.statements.forgetScanned.run(file.path);
    return orphans;
  }

  /**
   * Indexes one instance; 'duplicate' when another file already holds its SOP Instance UID and
   * is still the file imported there. One that moved, changed or became a symbolic link gives its
   * instance up to this file: importing the folder again is then the remedy it is said to be.
   * `orphans` are files that were duplicates of an instance this file no longer holds: they
   * must be read again, since one of them now has to stand for it.
   */
  addInstance(header: InstanceHeader, file: FoundFile, wasKnown: boolean): AddedInstance {
    const series = this.series(header, file.path);
    const seriesRef = series.id;
    if (series.studyUid !== header.studyInstanceUid) {
      const reason = `its series is already indexed in another study (${series.studyUid}): ${MISLABELLED}`;
      return { outcome: 'conflict', orphans: this.forgetFile(file, wasKnown), reason };
    }
    const existing = this.statements.instanceFile.get(header.sopInstanceUid) as { path: string; size: number; mtimeMs: number; seriesUid: string } | undefined;
    if (existing !== undefined && existing.path !== file.path && isImportedFile(existing.path, existing.size, existing.mtimeMs)) {
      if (existing.seriesUid !== header.seriesInstanceUid) {
        const reason = `its SOP Instance UID is already indexed from ${existing.path}, in another series: ${MISLABELLED}`;
        return { outcome: 'conflict', orphans: this.forgetFile(file, wasKnown), reason };
      }
      return { outcome: 'duplicate', orphans: this.recordScan(file, 'duplicate', null, header.sopInstanceUid, wasKnown), seriesRef, duplicateOf: existing.path };
    }
    // Only a file seen before can hold an older instance or an older scan record.
    const orphans = wasKnown ? this.forgetInstanceAt(file.path, header.sopInstanceUid) : [];
    if (wasKnown) this.statements.forgetScanned.run(file.path);
    this.statements.upsertInstance.run({
      sop: header.sopInstanceUid,
      series: seriesRef,
      sopClass: header.sopClassUid,
      syntax: header.transferSyntaxUid,
      instanceNumber: header.instanceNumber,
      rows: header.rows,
      columns: header.columns,
      frames: header.frames,
      pixelSpacing: header.pixelSpacing ? JSON.stringify(header.pixelSpacing) : null,
      imagerPixelSpacing: header.imagerPixelSpacing ? JSON.stringify(header.imagerPixelSpacing) : null,
      calibrationType: header.pixelSpacingCalibrationType,
      magnification: header.magnificationFactor,
      sliceThickness: header.sliceThickness,
      position: header.imagePositionPatient ? JSON.stringify(header.imagePositionPatient) : null,
      orientation: header.imageOrientationPatient ? JSON.stringify(header.imageOrientationPatient) : null,
      hasPixels: header.hasPixelData ? 1 : 0,
      path: file.path,
      size: file.size,
      mtime: file.mtimeMs,
    });
    return { outcome: 'indexed', orphans, seriesRef };
  }

  /** Counts distinct patients, studies and series behind a set of series rows (those still in the index). */
  countHierarchy(seriesRefs: ReadonlySet<number>): { patients: number; studies: number; series: number } {
    // Only the series touched: reading every series and study of the index cost each retrieve batch
    // time in proportion to everything imported before.
    const rows = this.db
      .prepare('SELECT se.study_ref, st.patient_ref FROM series se JOIN studies st ON st.id = se.study_ref WHERE se.id IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify([...seriesRefs])) as [number, number][];
    return { patients: new Set(rows.map((r) => r[1])).size, studies: new Set(rows.map((r) => r[0])).size, series: seriesRefs.size };
  }

  /** Drops series, studies and patients left without instances after files changed. */
  pruneEmpty(): void {
    this.db.exec(`
      DELETE FROM series WHERE NOT EXISTS (SELECT 1 FROM instances WHERE series_ref = series.id);
      DELETE FROM studies WHERE NOT EXISTS (SELECT 1 FROM series WHERE study_ref = studies.id);
      DELETE FROM patients WHERE NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = patients.id);`);
  }

  /** Removes the instance a path held (unless it is `keepSop`) and returns the duplicates that lost their original. */
  private forgetInstanceAt(filePath: string, keepSop: string): string[] {
    retireInstanceIds(this.db);
    const displaced = this.statements.deleteInstanceAtPath.all(filePath, keepSop) as string[];
    return displaced.flatMap((sop) => this.statements.forgetDuplicatesOf.all(sop) as string[]);
  }

  private patientRef(header: InstanceHeader): number {
    // Patients are told apart by ID and name together: an empty ID is common in anonymised sets.
    const key = `${header.patientId}\u0000${header.patientName}`;
    let id = this.patientIds.get(key);
    if (id === undefined) {
      id = (this.statements.insertPatient.get(key, header.patientId, header.patientName, header.patientBirthDate, header.patientSex) as { id: number }).id;
      this.patientIds.set(key, id);
    }
    return id;
  }

  private studyRef(header: InstanceHeader): number {
    let id = this.studyIds.get(header.studyInstanceUid);
    if (id === undefined) {
      const row = this.statements.insertStudy.get(
        header.studyInstanceUid, this.patientRef(header), header.studyDate, header.studyTime, header.accessionNumber, header.studyDescription,
      ) as { id: number };
      id = row.id;
      this.studyIds.set(header.studyInstanceUid, id);
    }
    return id;
  }

  /**
   * The series row a header names, and the study it is indexed in: another study than the
   * header's is a contradiction the caller reports, unless the row held only this file's own
   * earlier instance (the file's study was corrected since), which moves it to the header's study.
   */
  private series(header: InstanceHeader, filePath: string): { id: number; studyUid: string } {
    let known = this.seriesIds.get(header.seriesInstanceUid);
    if (known === undefined) {
      const indexed = this.statements.seriesStudy.get(header.seriesInstanceUid) as { id: number; studyUid: string } | undefined;
      if (indexed && indexed.studyUid !== header.studyInstanceUid && this.statements.othersInSeries.get(indexed.id, filePath) !== undefined) {
        known = indexed;
      } else if (indexed && indexed.studyUid !== header.studyInstanceUid) {
        this.statements.moveSeries.run(this.studyRef(header), indexed.id);
        known = { id: indexed.id, studyUid: header.studyInstanceUid };
      } else {
        const row = this.statements.insertSeries.get(
          header.seriesInstanceUid, this.studyRef(header), header.modality, header.seriesNumber, header.seriesDescription,
          header.bodyPart, header.frameOfReferenceUid,
        ) as { id: number };
        known = { id: row.id, studyUid: header.studyInstanceUid };
      }
      this.seriesIds.set(header.seriesInstanceUid, known);
    }
    return known;
  }

}
