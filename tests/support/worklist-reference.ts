// The worklist as it was computed before its summary columns (issue 16): every record parsed, validated
// and scored on every query. Kept as the reference the fast path is compared with (worklist-fast-path.test.ts);
// the order is the worklist's own (worklist-order.ts: the old comparator, moved there unchanged).
import type Database from 'better-sqlite3';
import { getBone, getRegion } from '@shared/anatomy/catalogue';
import { isSpinalBone } from '@shared/anatomy/spinal-levels';
import { formatPatientName } from '@shared/dicom/person-name';
import { StoredLesionSchema } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import type { UrgencyLevel } from '@shared/scoring/urgency-level';
import type { Worklist, WorklistQuery, WorklistRow } from '@shared/worklist/worklist';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { listLesions } from '../../electron/core/lesions/lesion-store';
import { lesionOrigins } from '../../electron/core/pacs/team-records';
import { latestReviews } from '../../electron/core/worklist/review-store';
import { listedReview } from '../../electron/core/worklist/lesion-change-after-decision';
import { keyScores as keyScoresOf } from '../../electron/core/worklist/score-summary';
import { sortWorklist, spansAnyUrgency, urgencyCounts } from '../../electron/core/worklist/worklist-order';
import { foldForSearch } from '../../electron/core/db/search-text';

const FLAGGED: UrgencyLevel[] = ['emergency', 'urgent', 'surgical-opinion'];

interface LesionRow {
  record: string;
  patient_name: string | null;
  patient_id: string | null;
  study_date: string | null;
  reader_name: string | null;
  workstation: string | null;
  workstation_id: string | null;
  version: number | null;
}

/**
 * The surgeon's worklist: lesions of every study with their urgency and reasons, filtered and
 * sorted (most urgent, then newest, by default), with counts per urgency under the same filters.
 * Lesions received from other workstations are the team's: they name their workstation, and their
 * patient comes from the publication while the study's images are not here.
 * An urgency filter matches a lesion's established level or its worst case: a lesion that is
 * routine now but could be urgent while inputs are missing is never hidden as routine.
 */
export function referenceWorklist(db: Database.Database, query: WorklistQuery, lastVisit: string | null): Worklist {
  const rows = db
    .prepare(
      `SELECT l.record, COALESCE(p.patient_name, d.patient_name) AS patient_name, COALESCE(p.patient_id, d.patient_id) AS patient_id,
              COALESCE(st.study_date, d.study_date) AS study_date, COALESCE(d.reader_name, r.name) AS reader_name, d.workstation, d.workstation_id, d.version
       FROM lesions l LEFT JOIN studies st ON st.study_uid = l.study_uid LEFT JOIN patients p ON p.id = st.patient_ref
         LEFT JOIN received_documents d ON d.document_key = l.origin LEFT JOIN readers r ON r.initials = l.reader AND l.origin IS NULL
       ${query.reader ? 'WHERE l.reader = ?' : ''}`,
    )
    .all(...(query.reader ? [query.reader] : [])) as LesionRow[];
  const reviews = latestReviews(db);
  const text = query.text?.trim() ? foldForSearch(query.text.trim()) : undefined;
  const all: WorklistRow[] = [];
  for (const row of rows) {
    const lesion = StoredLesionSchema.parse(JSON.parse(row.record));
    const scores = scoreLesion(lesion);
    const bone = getBone(lesion.boneId);
    const region = lesion.regionId ? getRegion(lesion.boneId, lesion.regionId) : undefined;
    const latest = reviews.get(lesion.id);
    const review = latest ? listedReview(db, latest.review, latest.origin) : null;
    const item: WorklistRow = {
      lesionId: lesion.id,
      studyInstanceUid: lesion.studyInstanceUid,
      seriesInstanceUid: lesion.seriesInstanceUid,
      patientName: row.patient_name ?? '',
      patientId: row.patient_id ?? '',
      studyDate: row.study_date,
      bone: bone?.name ?? lesion.boneId,
      region: region?.name ?? null,
      laterality: lesion.laterality,
      isSpine: isSpinalBone(lesion.boneId),
      urgency: scores.urgency,
      keyScores: keyScoresOf(scores),
      reader: lesion.reader,
      readerName: row.reader_name,
      fromOtherWorkstation: row.workstation_id !== null,
      origin: row.workstation_id === null ? null : { workstation: row.workstation!, workstationId: row.workstation_id, readerName: row.reader_name, version: row.version! },
      status: lesion.status,
      createdAt: lesion.createdAt,
      updatedAt: lesion.updatedAt,
      latestReview: review,
      isNew: lastVisit === null || Date.parse(lesion.updatedAt) > Date.parse(lastVisit),
    };
    if (query.site === 'spine' && !item.isSpine) continue;
    if (query.site === 'bone' && item.isSpine) continue;
    if (query.reviewed === 'yes' && !review) continue;
    if (query.reviewed === 'no' && review) continue;
    if (query.dateFrom && (!item.studyDate || item.studyDate < query.dateFrom)) continue;
    if (query.dateTo && (!item.studyDate || item.studyDate > query.dateTo)) continue;
    if (text && ![item.patientName.replaceAll('^', ' '), formatPatientName(item.patientName), item.patientId, item.bone, item.region ?? '', lesion.note].some((v) => foldForSearch(v).includes(text))) continue;
    all.push(item);
  }
  // The counts and the urgency filter as the worklist has them (worklist-order.ts): this reference checks how rows are read and scored.
  const counts = urgencyCounts(all);
  const wanted = new Set(query.urgencies ?? FLAGGED);
  const shown = sortWorklist(all.filter((r) => spansAnyUrgency(r.urgency, wanted)), query.sort ?? 'urgency');
  const incomplete = shown.filter((r) => r.urgency.dependsOnMissingInputs).length;
  return { rows: shown.slice(0, query.limit ?? 10_000), counts, incomplete, lastVisit };
}

/** The lesion list as it was computed before issue 16: every record parsed, checked and scored on each listing. */
export function referenceLesionList(db: Database.Database): ScoredLesion[] {
  const lesions = listLesions(db);
  const origins = lesionOrigins(db, lesions.map((l) => l.id));
  return lesions.map((lesion) => ({ lesion, scores: scoreLesion(lesion), origin: origins.get(lesion.id) ?? null }));
}
