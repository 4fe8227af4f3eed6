import type Database from 'better-sqlite3';
import { getBone, getRegion } from '@shared/anatomy/catalogue';
import { isSpinalBone } from '@shared/anatomy/spinal-levels';
import { formatPatientName } from '@shared/dicom/person-name';
import { StoredLesionSchema } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { UrgencyLevelSchema, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { Worklist, WorklistQuery, WorklistRow } from '@shared/worklist/worklist';
import { ReviewSchema } from '@shared/worklist/review';
import { staleWorklistRows } from '../lesions/lesion-rows';
import { SUMMARY_RULE_SET, readSummary, summarize, type LesionSummary } from './lesion-summary';
import { worklistOrder } from './worklist-order';

const FLAGGED: UrgencyLevel[] = ['emergency', 'urgent', 'surgical-opinion'];

interface LesionRow {
  id: string;
  study_uid: string;
  series_uid: string;
  status: 'draft' | 'final';
  updated_at: string;
  bone_id: string | null;
  region_id: string | null;
  laterality: string | null;
  summary: string | null;
  /** The record, only for a lesion without a current worklist row (scored from it here). */
  record: string | null;
  /** The record's note, only when the query searches text. */
  note: string | null;
  reviewed: 0 | 1;
  patient_name: string | null;
  patient_id: string | null;
  study_date: string | null;
  reader_name: string | null;
  workstation: string | null;
  workstation_id: string | null;
  version: number | null;
}

/** What a row shows that comes from its record: its stored summary, or scored from the record when that is stale or does not read. */
interface RecordFields {
  summary: LesionSummary;
  boneId: string;
  regionId: string | null;
  laterality: string | null;
  note: string | null;
}

// The lesions the worklist reads: their worklist rows under the current rule set (migration 11) and,
// only when some lesion has none (written before, or under another rule set), those lesions' records.
const CURRENT = `SELECT lesion_id AS id, study_uid, series_uid, reader, origin, status, updated_at, bone_id, region_id, laterality, summary, NULL AS record,
  CASE WHEN @text THEN (SELECT json_extract(record, '$.note') FROM lesions WHERE id = lesion_id) END AS note
  FROM lesion_worklist WHERE rule_set = @ruleSet`;
const STALE = `SELECT id, study_uid, series_uid, reader, origin, status, updated_at, NULL AS bone_id, NULL AS region_id, NULL AS laterality, NULL AS summary, record, NULL AS note
  FROM lesions l WHERE NOT EXISTS (SELECT 1 FROM lesion_worklist w WHERE w.lesion_id = l.id AND w.rule_set = @ruleSet)`;

/**
 * The surgeon's worklist: lesions of every study with their urgency and reasons, filtered and
 * sorted (most urgent, then newest, by default), with counts per urgency under the same filters.
 * Lesions received from other workstations are the team's: they name their workstation, and their
 * patient comes from the publication while the study's images are not here.
 * An urgency filter matches a lesion's established level or its worst case: a lesion that is
 * routine now but could be urgent while inputs are missing is never hidden as routine.
 * Reads each lesion's worklist row rather than its record; a lesion without one under the current
 * rule set, or whose stored summary does not read, is scored from its record here.
 */
export function worklist(db: Database.Database, query: WorklistQuery, lastVisit: string | null): Worklist {
  const text = query.text?.trim().toLowerCase();
  const where: string[] = [];
  if (query.reader) where.push('l.reader = @reader');
  if (query.reviewed === 'yes') where.push('EXISTS (SELECT 1 FROM reviews rv WHERE rv.lesion_id = l.id)');
  if (query.reviewed === 'no') where.push('NOT EXISTS (SELECT 1 FROM reviews rv WHERE rv.lesion_id = l.id)');
  const source = staleWorklistRows(db) === 0 ? CURRENT : `${CURRENT} UNION ALL ${STALE}`;
  const rows = db
    .prepare(
      `SELECT l.id, l.study_uid, l.series_uid, l.status, l.updated_at, l.bone_id, l.region_id, l.laterality, l.summary, l.record, l.note,
              EXISTS (SELECT 1 FROM reviews rv WHERE rv.lesion_id = l.id) AS reviewed,
              COALESCE(p.patient_name, d.patient_name) AS patient_name, COALESCE(p.patient_id, d.patient_id) AS patient_id,
              COALESCE(st.study_date, d.study_date) AS study_date, COALESCE(d.reader_name, r.name) AS reader_name, d.workstation, d.workstation_id, d.version
       FROM (${source}) l LEFT JOIN studies st ON st.study_uid = l.study_uid LEFT JOIN patients p ON p.id = st.patient_ref
         LEFT JOIN received_documents d ON d.document_key = l.origin LEFT JOIN readers r ON r.initials = l.reader AND l.origin IS NULL
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    )
    .all({ ruleSet: SUMMARY_RULE_SET, text: text ? 1 : 0, ...(query.reader ? { reader: query.reader } : {}) }) as LesionRow[];
  const recordOf = db.prepare('SELECT record FROM lesions WHERE id = ?').pluck();
  const all: WorklistRow[] = [];
  for (const row of rows) {
    const fields = recordFields(row, () => recordOf.get(row.id) as string);
    const { summary } = fields;
    const isSpine = isSpinalBone(fields.boneId);
    if (query.site === 'spine' && !isSpine) continue;
    if (query.site === 'bone' && isSpine) continue;
    if (query.dateFrom && (!row.study_date || row.study_date < query.dateFrom)) continue;
    if (query.dateTo && (!row.study_date || row.study_date > query.dateTo)) continue;
    const bone = getBone(fields.boneId)?.name ?? fields.boneId;
    const region = fields.regionId ? getRegion(fields.boneId, fields.regionId)?.name ?? null : null;
    const patientName = row.patient_name ?? '';
    const patientId = row.patient_id ?? '';
    if (text && ![patientName.replaceAll('^', ' '), formatPatientName(patientName), patientId, bone, region ?? '', fields.note ?? ''].some((v) => v.toLowerCase().includes(text))) continue;
    all.push({
      lesionId: row.id,
      studyInstanceUid: row.study_uid,
      seriesInstanceUid: row.series_uid,
      patientName,
      patientId,
      studyDate: row.study_date,
      bone,
      region,
      laterality: fields.laterality,
      isSpine,
      urgency: summary.urgency,
      keyScores: summary.keyScores,
      reader: summary.reader,
      readerName: row.reader_name,
      fromOtherWorkstation: row.workstation_id !== null,
      origin: row.workstation_id === null ? null : { workstation: row.workstation!, workstationId: row.workstation_id, readerName: row.reader_name, version: row.version! },
      status: row.status,
      createdAt: summary.createdAt,
      updatedAt: row.updated_at,
      latestReview: null,
      isNew: lastVisit === null || Date.parse(row.updated_at) > Date.parse(lastVisit),
    });
  }
  const counts = Object.fromEntries(UrgencyLevelSchema.options.map((level) => [level, 0])) as Worklist['counts'];
  for (const row of all) counts[row.urgency.level]++;
  const wanted = new Set(query.urgencies ?? FLAGGED);
  const shown = all.filter((r) => wanted.has(r.urgency.level) || wanted.has(r.urgency.worstCase)).sort(worklistOrder(query.sort ?? 'urgency'));
  const incomplete = shown.filter((r) => r.urgency.dependsOnMissingInputs).length;
  const page = shown.slice(0, query.limit ?? 10_000);
  const reviewed = new Set(rows.filter((r) => r.reviewed).map((r) => r.id));
  // Newest means saved last (rowid order), as review-store says why.
  const latestReview = db.prepare('SELECT record FROM reviews WHERE lesion_id = ? ORDER BY rowid DESC LIMIT 1').pluck();
  for (const row of page) if (reviewed.has(row.lesionId)) row.latestReview = ReviewSchema.parse(JSON.parse(latestReview.get(row.lesionId) as string));
  return { rows: page, counts, incomplete, lastVisit };
}

function recordFields(row: LesionRow, storedRecord: () => string): RecordFields {
  const summary = row.summary === null ? null : readSummary(row.summary);
  if (summary && row.bone_id !== null) return { summary, boneId: row.bone_id, regionId: row.region_id, laterality: row.laterality, note: row.note };
  const lesion = StoredLesionSchema.parse(JSON.parse(row.record ?? storedRecord()));
  return { summary: summarize(lesion, scoreLesion(lesion)), boneId: lesion.boneId, regionId: lesion.regionId, laterality: lesion.laterality, note: lesion.note };
}
