import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';

/** One indexed instance of a study, as the DICOM exports need it. */
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
  sliceThickness: number | null;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  hasPixelData: boolean;
  filePath: string;
  fileSize: number;
}

interface Row {
  sop_instance_uid: string; sop_class_uid: string; transfer_syntax_uid: string; series_uid: string; modality: string;
  frame_of_reference_uid: string | null; frames: number | null; rows: number | null; columns: number | null;
  pixel_spacing: string | null; slice_thickness: number | null; image_position: string | null; image_orientation: string | null; has_pixel_data: number; file_path: string; file_size: number;
}

/**
 * Every indexed instance of a study with its file, series and geometry, series by series in
 * instance-number order. Refuses a study that is not in the index.
 */
export function studyInstances(db: Database.Database, studyInstanceUid: string): StudyInstance[] {
  const rows = db
    .prepare(
      `SELECT i.sop_instance_uid, i.sop_class_uid, i.transfer_syntax_uid, se.series_uid, se.modality, se.frame_of_reference_uid,
              i.frames, i.rows, i.columns, i.pixel_spacing, i.slice_thickness, i.image_position, i.image_orientation, i.has_pixel_data, i.file_path, i.file_size
       FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref
       WHERE st.study_uid = ? ORDER BY se.series_number IS NULL, se.series_number, se.series_uid, i.instance_number IS NULL, i.instance_number, i.sop_instance_uid`,
    )
    .all(studyInstanceUid) as Row[];
  if (rows.length === 0) throw new AppError('not_found', `Study ${studyInstanceUid} is not in the index: import its files first.`);
  const parse = <T>(json: string | null) => (json === null ? null : (JSON.parse(json) as T));
  return rows.map((r) => ({
    sopInstanceUid: r.sop_instance_uid,
    sopClassUid: r.sop_class_uid,
    transferSyntaxUid: r.transfer_syntax_uid,
    seriesInstanceUid: r.series_uid,
    modality: r.modality,
    frameOfReferenceUid: r.frame_of_reference_uid,
    frames: r.frames ?? 1,
    rows: r.rows,
    columns: r.columns,
    pixelSpacing: parse(r.pixel_spacing),
    sliceThickness: r.slice_thickness,
    imagePositionPatient: parse(r.image_position),
    imageOrientationPatient: parse(r.image_orientation),
    hasPixelData: r.has_pixel_data === 1,
    filePath: r.file_path,
    fileSize: r.file_size,
  }));
}
