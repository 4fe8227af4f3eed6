import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { InstanceSummary } from '@shared/dicom/series';

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
  slice_thickness: number | null;
  image_position: string | null;
  image_orientation: string | null;
  has_pixel_data: number;
}

/** The instances of a series, in instance-number order (the viewer sorts them in space). */
export function seriesInstances(db: Database.Database, seriesInstanceUid: string): InstanceSummary[] {
  const seriesId = db.prepare('SELECT id FROM series WHERE series_uid = ?').pluck().get(seriesInstanceUid) as number | undefined;
  if (seriesId === undefined) throw new AppError('not_found', `Series ${seriesInstanceUid} is not in the index.`);
  const rows = db
    .prepare('SELECT * FROM instances WHERE series_ref = ? ORDER BY instance_number IS NULL, instance_number, sop_instance_uid')
    .all(seriesId) as InstanceRow[];
  const parse = <T>(json: string | null) => (json === null ? null : (JSON.parse(json) as T));
  return rows.map((row) => ({
    id: row.id,
    sopInstanceUid: row.sop_instance_uid,
    sopClassUid: row.sop_class_uid,
    transferSyntaxUid: row.transfer_syntax_uid,
    instanceNumber: row.instance_number,
    rows: row.rows,
    columns: row.columns,
    frames: row.frames,
    pixelSpacing: parse<[number, number]>(row.pixel_spacing),
    sliceThickness: row.slice_thickness,
    imagePositionPatient: parse<[number, number, number]>(row.image_position),
    imageOrientationPatient: parse<InstanceSummary['imageOrientationPatient']>(row.image_orientation),
    hasPixelData: row.has_pixel_data === 1,
  }));
}
