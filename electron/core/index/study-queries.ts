import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { StudyQuery, StudySummary } from '@shared/dicom/study';
import type { StudyDetail, SeriesSummary } from '@shared/dicom/series';
import { foldForSearch } from '../db/search-text';
import { writeTransaction } from '../db/write-transaction';

interface StudyRow {
  study_uid: string;
  patient_name: string;
  patient_id: string;
  birth_date: string | null;
  sex: string;
  study_date: string | null;
  study_time: string;
  accession_number: string;
  description: string;
  modalities: string | null;
  series_count: number;
  instance_count: number;
}

const STUDY_SELECT = `
  SELECT st.study_uid, p.patient_name, p.patient_id, p.birth_date, p.sex, st.study_date, st.study_time,
         st.accession_number, st.description,
         (SELECT group_concat(DISTINCT se.modality) FROM series se WHERE se.study_ref = st.id) AS modalities,
         (SELECT count(*) FROM series se WHERE se.study_ref = st.id) AS series_count,
         (SELECT count(*) FROM instances i JOIN series se ON se.id = i.series_ref WHERE se.study_ref = st.id) AS instance_count
  FROM studies st JOIN patients p ON p.id = st.patient_ref`;

function toStudySummary(row: StudyRow): StudySummary {
  return {
    studyInstanceUid: row.study_uid,
    patientName: row.patient_name,
    patientId: row.patient_id,
    patientBirthDate: row.birth_date,
    patientSex: row.sex,
    studyDate: row.study_date,
    studyTime: row.study_time,
    accessionNumber: row.accession_number,
    description: row.description,
    modalities: (row.modalities ?? '').split(',').filter(Boolean).sort(),
    seriesCount: row.series_count,
    instanceCount: row.instance_count,
  };
}

/** Studies matching the browser's filters, newest study date first. */
export function searchStudies(db: Database.Database, query: StudyQuery): StudySummary[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  // Both sides folded (search_fold, registered by openDatabase) and compared by instr: case and
  // accents outside ASCII match, and a typed "%" or "_" is only itself.
  const contains = (column: string, value: string | undefined) => {
    if (!value?.trim()) return;
    where.push(`instr(search_fold(${column}), ?) > 0`);
    params.push(foldForSearch(value.trim()));
  };
  // Names are stored as DICOM PN (FAMILY^GIVEN); the caret is matched as a space too.
  const nameColumn = `replace(p.patient_name, '^', ' ')`;
  if (query.text?.trim()) {
    const text = foldForSearch(query.text.trim().replaceAll('^', ' '));
    where.push(`(${[nameColumn, 'p.patient_id', 'st.accession_number', 'st.description'].map((column) => `instr(search_fold(${column}), ?) > 0`).join(' OR ')})`);
    params.push(text, text, text, text);
  }
  contains(nameColumn, query.patientName?.replaceAll('^', ' '));
  contains('p.patient_id', query.patientId);
  contains('st.accession_number', query.accessionNumber);
  contains('st.description', query.description);
  if (query.modality?.trim()) {
    where.push('EXISTS (SELECT 1 FROM series se WHERE se.study_ref = st.id AND se.modality = ?)');
    params.push(query.modality.trim().toUpperCase());
  }
  if (query.dateFrom) {
    where.push('st.study_date >= ?');
    params.push(query.dateFrom);
  }
  if (query.dateTo) {
    where.push('st.study_date <= ?');
    params.push(query.dateTo);
  }
  const sql = `${STUDY_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY st.study_date IS NULL, st.study_date DESC, p.patient_name, st.study_uid LIMIT ?`;
  params.push(query.limit ?? 1000);
  return (db.prepare(sql).all(...params) as StudyRow[]).map(toStudySummary);
}

/** One study with its series and a thumbnail instance per series. */
export function getStudy(db: Database.Database, studyInstanceUid: string): StudyDetail {
  const row = db.prepare(`${STUDY_SELECT} WHERE st.study_uid = ?`).get(studyInstanceUid) as StudyRow | undefined;
  if (!row) throw new AppError('not_found', `Study ${studyInstanceUid} is not in the index.`);
  const seriesRows = db
    .prepare(
      `SELECT se.id, se.series_uid, se.modality, se.series_number, se.description, se.body_part,
              count(i.id) AS instance_count, coalesce(sum(coalesce(i.frames, 0)), 0) AS frame_count
       FROM series se JOIN studies st ON st.id = se.study_ref LEFT JOIN instances i ON i.series_ref = se.id
       WHERE st.study_uid = ? GROUP BY se.id ORDER BY se.series_number IS NULL, se.series_number, se.series_uid`,
    )
    .all(studyInstanceUid) as {
    id: number; series_uid: string; modality: string; series_number: number | null; description: string;
    body_part: string; instance_count: number; frame_count: number;
  }[];
  const pixelInstances = db.prepare(
    'SELECT id FROM instances WHERE series_ref = ? AND has_pixel_data = 1 ORDER BY instance_number, sop_instance_uid',
  ).pluck();
  const series: SeriesSummary[] = seriesRows.map((s) => {
    const ids = pixelInstances.all(s.id) as number[];
    return {
      seriesInstanceUid: s.series_uid,
      studyInstanceUid,
      modality: s.modality,
      seriesNumber: s.series_number,
      description: s.description,
      bodyPart: s.body_part,
      instanceCount: s.instance_count,
      frameCount: s.frame_count,
      thumbnailInstanceId: ids[Math.floor(ids.length / 2)] ?? null,
    };
  });
  return { study: toStudySummary(row), series };
}

/**
 * Removes a study from the index (the files stay on disk) and forgets its files, so that a
 * later import of the same folder indexes them again.
 */
export function removeStudy(db: Database.Database, studyInstanceUid: string): number {
  return writeTransaction(db, () => {
    const study = db.prepare('SELECT id, patient_ref FROM studies WHERE study_uid = ?').get(studyInstanceUid) as
      | { id: number; patient_ref: number }
      | undefined;
    if (!study) throw new AppError('not_found', `Study ${studyInstanceUid} is not in the index.`);
    db
      .prepare(
        `DELETE FROM scanned_files WHERE sop_instance_uid IN (
           SELECT i.sop_instance_uid FROM instances i JOIN series se ON se.id = i.series_ref WHERE se.study_ref = ?)`,
      )
      .run(study.id);
    const removed = db
      .prepare('SELECT count(*) FROM instances i JOIN series se ON se.id = i.series_ref WHERE se.study_ref = ?')
      .pluck()
      .get(study.id) as number;
    db.prepare('DELETE FROM studies WHERE id = ?').run(study.id);
    db.prepare('DELETE FROM patients WHERE id = ? AND NOT EXISTS (SELECT 1 FROM studies WHERE patient_ref = ?)').run(study.patient_ref, study.patient_ref);
    return removed;
  });
}

/** True when nothing has been imported yet (the first run offers the demo study). */
export function indexIsEmpty(db: Database.Database): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM studies)').pluck().get() === 1;
}

/** The index's patient key of a study (PatientID and name, as the index tells patients apart). */
export function studyPatientKey(db: Database.Database, studyInstanceUid: string): string | undefined {
  return db.prepare('SELECT p.patient_key FROM studies st JOIN patients p ON p.id = st.patient_ref WHERE st.study_uid = ?').pluck().get(studyInstanceUid) as string | undefined;
}

/** Whether a study is in the index. */
export function isIndexedStudy(db: Database.Database, studyInstanceUid: string): boolean {
  return db.prepare('SELECT 1 FROM studies WHERE study_uid = ?').pluck().get(studyInstanceUid) !== undefined;
}

/** A study's description and date, for a progress line ("CT thighs of 2025-11-02"), or null when it is not indexed. */
export function studyHeadline(db: Database.Database, studyInstanceUid: string): { description: string; studyDate: string | null } | null {
  const row = db.prepare('SELECT description, study_date FROM studies WHERE study_uid = ?').get(studyInstanceUid) as { description: string; study_date: string | null } | undefined;
  return row ? { description: row.description, studyDate: row.study_date } : null;
}
