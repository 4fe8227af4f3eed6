import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { InstanceSummary } from '@shared/dicom/series';
import { measurementSpacing, type MeasurementSpacing } from '@shared/dicom/measurement-spacing';
import { isImportedFile } from './indexed-file';
import { preparedStatement } from '../db/prepared-statement';

// The index's instances table has one reader of its rows here: every query maps a row through
// instanceOf, so the viewer's list and the exports' list of a study never disagree on a field.

/** One indexed instance of a study, with its series, geometry and file, as the exports need it. */
export interface StudyInstance {
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  seriesInstanceUid: string;
  modality: string;
  frameOfReferenceUid: string | null;
  frames: number;
  rows: number | null;
  columns: number | null;
  pixelSpacing: [number, number] | null;
  /** The spacing lengths are measured with and its plane (measurementSpacing). */
  measurementSpacing: MeasurementSpacing;
  sliceThickness: number | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  hasPixelData: boolean;
  filePath: string;
  fileSize: number;
  /** The file's modification time when it was indexed: a reader checks the file is still that one (readIndexedFile). */
  fileMtimeMs: number;
}

/** An instances row joined with its series. */
interface InstanceRow {
  id: number;
  sop_instance_uid: string;
  sop_class_uid: string;
  transfer_syntax_uid: string;
  instance_number: number | null;
  rows: number | null;
  columns: number | null;
  frames: number | null;
  pixel_spacing: string | null;
  imager_pixel_spacing: string | null;
  pixel_spacing_calibration_type: string | null;
  magnification_factor: number | null;
  slice_thickness: number | null;
  image_position: string | null;
  image_orientation: string | null;
  has_pixel_data: number;
  file_path: string;
  file_size: number;
  file_mtime_ms: number;
  series_uid: string;
  modality: string;
  frame_of_reference_uid: string | null;
}

const SELECT_INSTANCES = `SELECT i.*, se.series_uid, se.modality, se.frame_of_reference_uid FROM instances i JOIN series se ON se.id = i.series_ref`;

const parse = <T>(json: string | null) => (json === null ? null : (JSON.parse(json) as T));

/** The one mapping of an index row to an instance. */
function instanceOf(row: InstanceRow): InstanceSummary & StudyInstance {
  return {
    id: row.id,
    sopInstanceUid: row.sop_instance_uid,
    sopClassUid: row.sop_class_uid,
    transferSyntaxUid: row.transfer_syntax_uid,
    instanceNumber: row.instance_number,
    rows: row.rows,
    columns: row.columns,
    frames: row.frames ?? 1,
    pixelSpacing: parse<[number, number]>(row.pixel_spacing),
    // The one rule of where its lengths lie, applied once for the viewer, the SR and the exports alike.
    measurementSpacing: measurementSpacing({
      sopClassUid: row.sop_class_uid,
      pixelSpacing: parse<[number, number]>(row.pixel_spacing),
      imagerPixelSpacing: parse<[number, number]>(row.imager_pixel_spacing),
      pixelSpacingCalibrationType: row.pixel_spacing_calibration_type,
      magnificationFactor: row.magnification_factor,
    }),
    sliceThickness: row.slice_thickness,
    imagePositionPatient: parse<[number, number, number]>(row.image_position),
    imageOrientationPatient: parse<[number, number, number, number, number, number]>(row.image_orientation),
    hasPixelData: row.has_pixel_data === 1,
    seriesInstanceUid: row.series_uid,
    modality: row.modality,
    frameOfReferenceUid: row.frame_of_reference_uid,
    filePath: row.file_path,
    fileSize: row.file_size,
    fileMtimeMs: row.file_mtime_ms,
  };
}

/** A series' row and its instances' rows in instance-number order; refuses a series not in the index. */
function seriesRows(db: Database.Database, seriesInstanceUid: string): { modality: string; rows: InstanceRow[] } {
  const series = db.prepare('SELECT id, modality FROM series WHERE series_uid = ?').get(seriesInstanceUid) as { id: number; modality: string } | undefined;
  if (series === undefined) throw new AppError('not_found', `Series ${seriesInstanceUid} is not in the index.`);
  const rows = db.prepare(`${SELECT_INSTANCES} WHERE i.series_ref = ? ORDER BY i.instance_number IS NULL, i.instance_number, i.sop_instance_uid`).all(series.id) as InstanceRow[];
  return { modality: series.modality, rows };
}

/** An instance as the viewer lists it: how many frames the file declared (null when it said nothing). */
function summaryOf(row: InstanceRow): InstanceSummary {
  const { id, sopInstanceUid, sopClassUid, transferSyntaxUid, instanceNumber, rows, columns, pixelSpacing, measurementSpacing: spacing, sliceThickness, imagePositionPatient, imageOrientationPatient, hasPixelData } = instanceOf(row);
  return { id, sopInstanceUid, sopClassUid, transferSyntaxUid, instanceNumber, rows, columns, frames: row.frames, pixelSpacing, measurementSpacing: spacing, sliceThickness, imagePositionPatient, imageOrientationPatient, hasPixelData };
}

/** The instances of a series, in instance-number order (the viewer sorts them in space). */
export function seriesInstances(db: Database.Database, seriesInstanceUid: string): InstanceSummary[] {
  return seriesRows(db, seriesInstanceUid).rows.map(summaryOf);
}

/** An instance of a series with its file as imported: a reader checks the file is still that one before reading it. */
export interface SeriesImageFile extends InstanceSummary {
  file: { path: string; size: number; mtimeMs: number };
}

/**
 * A series' modality and its instances with their files, in instance-number order: what the bone
 * analysis reads. Refuses a series that is not in the index.
 */
export function seriesImageFiles(db: Database.Database, seriesInstanceUid: string): { modality: string; instances: SeriesImageFile[] } {
  const { modality, rows } = seriesRows(db, seriesInstanceUid);
  return { modality, instances: rows.map((row) => ({ ...summaryOf(row), file: { path: row.file_path, size: row.file_size, mtimeMs: row.file_mtime_ms } })) };
}

/**
 * Every indexed instance of a study with its file, series and geometry, series by series in
 * instance-number order. Refuses a study that is not in the index.
 */
export function studyInstances(db: Database.Database, studyInstanceUid: string): StudyInstance[] {
  const rows = db
    .prepare(
      `${SELECT_INSTANCES} JOIN studies st ON st.id = se.study_ref WHERE st.study_uid = ?
       ORDER BY se.series_number IS NULL, se.series_number, se.series_uid, i.instance_number IS NULL, i.instance_number, i.sop_instance_uid`,
    )
    .all(studyInstanceUid) as InstanceRow[];
  if (rows.length === 0) throw new AppError('not_found', `Study ${studyInstanceUid} is not in the index: import its files first.`);
  return rows.map((row) => {
    const { id: _id, instanceNumber: _n, ...instance } = instanceOf(row);
    return instance;
  });
}

/** The indexed file holding an instance, and whether it is still the file that was imported. */
export interface IndexedImageFile {
  path: string;
  /** False once the file was moved, deleted or rewritten after import: its pixels are not read. */
  unchanged: boolean;
}

/**
 * A resolver from SOP Instance UID to the indexed file holding it (null when the index has no
 * such instance), checked as the pixel doors check it. Paths come from the index only.
 */
export function importedFileResolver(db: Database.Database): (sopInstanceUid: string) => IndexedImageFile | null {
  const query = db.prepare('SELECT file_path AS path, file_size AS size, file_mtime_ms AS mtimeMs FROM instances WHERE sop_instance_uid = ?');
  return (sopInstanceUid) => {
    const row = query.get(sopInstanceUid) as { path: string; size: number; mtimeMs: number } | undefined;
    return row ? { path: row.path, unchanged: isImportedFile(row.path, row.size, row.mtimeMs) } : null;
  };
}

/** The measuring spacing and plane of one indexed instance (measurementSpacing), or null when it is not in the index. */
export function instanceMeasurementSpacing(db: Database.Database, sopInstanceUid: string): MeasurementSpacing | null {
  const row = preparedStatement(db, `${SELECT_INSTANCES} WHERE i.sop_instance_uid = ?`).get(sopInstanceUid) as InstanceRow | undefined;
  return row ? instanceOf(row).measurementSpacing : null;
}
