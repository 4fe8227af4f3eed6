import type Database from 'better-sqlite3';
import type { Lesion } from '@shared/lesion/lesion';
import { parseStoredLesion } from './measured-planes';
import { scoreLesion, type LesionScores } from '@shared/scoring/score-lesion';
import { SUMMARY_RULE_SET, rememberSummary, summaryColumns } from '../worklist/lesion-summary';
import { rememberScoredLesion } from './scored-lesion-cache';
import { writeTransaction } from '../db/write-transaction';

// Every write of the lesions table goes through here, so that a lesion's worklist row (its urgency,
// what the worklist filters and shows; migration 11) is written in the same transaction as its record.

/**
 * Inserts or replaces a lesion's row and its worklist row, in the caller's transaction, and keeps it
 * scored for the next listing (scored-lesion-cache.ts). The reader column is never updated: a lesion stays its first reader's.
 * Returns the revision the save gave it (lesion-revision.ts): one more than it had; for a lesion
 * created, one more than its audited changes so far (one deleted and created again never takes a revision it had).
 * @param origin - the received document it came in, or null for a lesion recorded here
 */
export function upsertLesionRow(db: Database.Database, lesion: Lesion, origin: string | null): number {
  const scores = scoreLesion(lesion);
  const revision = db
    .prepare(
      `INSERT INTO lesions (id, tracking_uid, study_uid, series_uid, reader, status, urgency, record, created_at, updated_at, origin, revision)
       VALUES (@id, @trackingUid, @studyInstanceUid, @seriesInstanceUid, @reader, @status, @urgency, @record, @createdAt, @updatedAt, @origin,
         1 + (SELECT count(*) FROM audit_log WHERE entity_id = @id AND entity = 'lesion'))
       ON CONFLICT(id) DO UPDATE SET study_uid = excluded.study_uid, series_uid = excluded.series_uid, status = excluded.status,
         urgency = excluded.urgency, record = excluded.record, updated_at = excluded.updated_at, origin = excluded.origin, revision = lesions.revision + 1
       RETURNING revision`,
    )
    .pluck()
    .get({ ...lesion, urgency: scores.urgency.level, record: JSON.stringify(lesion), origin }) as number;
  rememberScoredLesion(db, writeWorklistRow(db, lesion, scores), lesion, scores, revision);
  return revision;
}

/**
 * Rewrites a stored lesion's record and updated_at (a change that is not a save: a drawing's new figures, a drawing
 * detached), in the caller's transaction; its revision stays (lesion-revision.ts).
 */
export function rewriteLesionRecord(db: Database.Database, lesion: Lesion): void {
  const scores = scoreLesion(lesion);
  db.prepare('UPDATE lesions SET record = ?, updated_at = ?, urgency = ? WHERE id = ?').run(JSON.stringify(lesion), lesion.updatedAt, scores.urgency.level, lesion.id);
  writeWorklistRow(db, lesion, scores);
}

/**
 * Writes a stored lesion's worklist row under a new revision (returned): its study, reader, origin and
 * creation as its lesions row holds them, and what is derived from its record and scores under the
 * current rule set.
 */
function writeWorklistRow(db: Database.Database, lesion: Lesion, scores: LesionScores): number {
  const { summarized, ...columns } = summaryColumns(lesion, scores);
  const revision = db
    .prepare(
      `INSERT OR REPLACE INTO lesion_worklist (lesion_id, study_uid, reader, origin, created_at, urgency, worst_case, summary, rule_set)
       SELECT id, study_uid, reader, origin, created_at, @urgency, @worstCase, @summary, @ruleSet FROM lesions WHERE id = @id RETURNING revision`,
    )
    .pluck()
    .get({ id: lesion.id, ...columns }) as number;
  rememberSummary(db, lesion.id, revision, summarized);
  return revision;
}

/** How many lesions have no worklist row at all (cheap: two counts on indexes). */
export function lesionsWithoutWorklistRow(db: Database.Database): number {
  return db.prepare('SELECT (SELECT count(*) FROM lesions) - (SELECT count(*) FROM lesion_worklist)').pluck().get() as number;
}

/** How many lesions have no worklist row under the current rule set (cheap: two counts on indexes). */
export function staleWorklistRows(db: Database.Database): number {
  return db.prepare('SELECT (SELECT count(*) FROM lesions) - (SELECT count(*) FROM lesion_worklist WHERE rule_set = ?)').pluck().get(SUMMARY_RULE_SET) as number;
}

/**
 * Scores again every lesion without a worklist row under the current rule set (stored under another,
 * or before migration 11), in one transaction; run at start. A record that no longer reads is left
 * as it is: reading it says what is wrong, as it always did. Returns how many were scored.
 */
export function refreshLesionSummaries(db: Database.Database): number {
  if (staleWorklistRows(db) === 0) return 0;
  const stale = db
    .prepare('SELECT l.id, l.record FROM lesions l WHERE NOT EXISTS (SELECT 1 FROM lesion_worklist w WHERE w.lesion_id = l.id AND w.rule_set = ?)')
    .raw()
    .all(SUMMARY_RULE_SET) as [string, string][];
  let scored = 0;
  writeTransaction(db, () => {
    for (const [id, record] of stale) {
      let lesion: Lesion;
      try {
        lesion = parseStoredLesion(db, record);
      } catch {
        continue;
      }
      if (lesion.id !== id) continue;
      writeWorklistRow(db, lesion, scoreLesion(lesion));
      scored++;
    }
  });
  return scored;
}
