import type Database from 'better-sqlite3';
import { getBone, getRegion } from '@shared/anatomy/catalogue';
import { isSpinalBone } from '@shared/anatomy/spinal-levels';
import { formatPatientName } from '@shared/dicom/person-name';
import { parseStoredLesion } from '../lesions/measured-planes';
import { scoreLesion } from '@shared/scoring/score-lesion';
import type { UrgencyLevel } from '@shared/scoring/urgency-level';
import type { Worklist, WorklistQuery, WorklistRow } from '@shared/worklist/worklist';
import { staleWorklistRows } from '../lesions/lesion-rows';
import { SUMMARY_RULE_SET, storedSummary, summarize, unkeptSummaries, type LesionSummary } from './lesion-summary';
import { sortWorklist, spansAnyUrgency, urgencyCounts } from './worklist-order';
import { latestReview } from './review-store';
import { lesionContexts, reviewedLesions } from './worklist-lookups';
import { foldForSearch } from '../db/search-text';

const FLAGGED: UrgencyLevel[] = ['emergency', 'urgent', 'surgical-opinion'];

interface LesionRow {
  id: string;
  /** The worklist row's revision; null for a lesion without a current one. */
  revision: number | null;
  study_uid: string;
  reader: string;
  origin: string | null;
  /** The record, only for a lesion without a current worklist row (scored from it here). */
  record: string | null;
  /** The record's note, only when the query searches text. */
  note: string | null;
}

// The lesions the worklist reads: their worklist rows under the current rule set (migration 11) and,
// only when some lesion has none (written before, or under another rule set), those lesions' records.
// Read from the listing index alone (migration 14), never the rows and their summaries.
const current = (reader: boolean) => `SELECT lesion_id AS id, revision, study_uid, reader, origin, NULL AS record,
  CASE WHEN @text THEN (SELECT json_extract(record, '$.note') FROM lesions WHERE id = lesion_id) END AS note
  FROM lesion_worklist WHERE rule_set = @ruleSet${reader ? ' AND reader = @reader' : ''}`;
const staleLesions = (reader: boolean) => `SELECT id, NULL AS revision, study_uid, reader, origin, record, NULL AS note
  FROM lesions l WHERE NOT EXISTS (SELECT 1 FROM lesion_worklist w WHERE w.lesion_id = l.id AND w.rule_set = @ruleSet)${reader ? ' AND reader = @reader' : ''}`;

/**
 * The query of the lesions a worklist reads (parameters @ruleSet, @text, and @reader when one is named).
 * @param stale - whether some lesion has no worklist row under the current rule set
 */
export function worklistSource(reader: boolean, stale: boolean): string {
  return stale ? `${current(reader)} UNION ALL ${staleLesions(reader)}` : current(reader);
}

/**
 * The surgeon's worklist: lesions of every study with their urgency and reasons, filtered and
 * sorted (most urgent, then newest, by default), with counts per urgency under the same filters
 * (each the number of lesions that urgency's filter alone lists).
 * Lesions received from other workstations are the team's: they name their workstation, and their
 * patient comes from the publication while the study's images are not here.
 * An urgency filter matches every level from a lesion's established level to its worst case: a lesion
 * that is routine now but could be an emergency while inputs are missing is never hidden as routine,
 * nor left out of the urgent lesions while a surely urgent one is shown.
 * Reads each lesion's worklist row rather than its record; a lesion without one under the current
 * rule set, or whose stored summary does not read, is scored from its record here.
 */
export function worklist(db: Database.Database, query: WorklistQuery, lastVisit: string | null): Worklist {
  const text = query.text?.trim() ? foldForSearch(query.text.trim()) : undefined;
  const reader = Boolean(query.reader);
  const rows = db.prepare(worklistSource(reader, staleWorklistRows(db) > 0)).all({ ruleSet: SUMMARY_RULE_SET, text: text ? 1 : 0, ...(reader ? { reader: query.reader } : {}) }) as LesionRow[];
  const reviewed = reviewedLesions(db);
  const contextOf = lesionContexts(db);
  const recordOf = db.prepare('SELECT record FROM lesions WHERE id = ?').pluck();
  const summaryOf = unkeptSummaries(db, rows);
  const all: WorklistRow[] = [];
  for (const row of rows) {
    if (query.reviewed === 'yes' && !reviewed.has(row.id)) continue;
    if (query.reviewed === 'no' && reviewed.has(row.id)) continue;
    const context = contextOf(row);
    const { summary, note } = recordFields(db, row, summaryOf, () => recordOf.get(row.id) as string);
    const isSpine = isSpinalBone(summary.boneId);
    if (query.site === 'spine' && !isSpine) continue;
    if (query.site === 'bone' && isSpine) continue;
    if (query.dateFrom && (!context.studyDate || context.studyDate < query.dateFrom)) continue;
    if (query.dateTo && (!context.studyDate || context.studyDate > query.dateTo)) continue;
    const bone = getBone(summary.boneId)?.name ?? summary.boneId;
    const region = summary.regionId ? getRegion(summary.boneId, summary.regionId)?.name ?? null : null;
    const patientName = context.patientName ?? '';
    const patientId = context.patientId ?? '';
    if (text && ![patientName.replaceAll('^', ' '), formatPatientName(patientName), patientId, bone, region ?? '', note ?? ''].some((v) => foldForSearch(v).includes(text))) continue;
    all.push({
      lesionId: row.id,
      studyInstanceUid: summary.studyInstanceUid,
      seriesInstanceUid: summary.seriesInstanceUid,
      patientName,
      patientId,
      studyDate: context.studyDate,
      bone,
      region,
      laterality: summary.laterality,
      isSpine,
      urgency: summary.urgency,
      keyScores: summary.keyScores,
      reader: summary.reader,
      readerName: context.readerName,
      fromOtherWorkstation: context.workstationId !== null,
      origin: context.workstationId === null ? null : { workstation: context.workstation!, workstationId: context.workstationId, readerName: context.readerName, version: context.version! },
      status: summary.status,
      createdAt: summary.createdAt,
      updatedAt: summary.updatedAt,
      latestReview: null,
      isNew: lastVisit === null || Date.parse(summary.updatedAt) > Date.parse(lastVisit),
    });
  }
  const counts = urgencyCounts(all);
  const wanted = new Set(query.urgencies ?? FLAGGED);
  const shown = sortWorklist(all.filter((r) => spansAnyUrgency(r.urgency, wanted)), query.sort ?? 'urgency');
  const incomplete = shown.filter((r) => r.urgency.dependsOnMissingInputs).length;
  const page = shown.slice(0, query.limit ?? 10_000);
  // Only the rows shown are given their latest review.
  for (const row of page) if (reviewed.has(row.lesionId)) row.latestReview = latestReview(db, row.lesionId);
  return { rows: page, counts, incomplete, lastVisit };
}

/** What a row shows of its record: its stored summary, or scored from the record when that is stale or does not read. */
function recordFields(db: Database.Database, row: LesionRow, summaryOf: (revision: number) => string | undefined, storedRecord: () => string): { summary: LesionSummary; note: string | null } {
  const summary = row.revision === null ? null : storedSummary(db, row.id, row.revision, () => summaryOf(row.revision!));
  if (summary) return { summary, note: row.note };
  const lesion = parseStoredLesion(db, row.record ?? storedRecord());
  return { summary: summarize(lesion, scoreLesion(lesion)), note: lesion.note };
}
