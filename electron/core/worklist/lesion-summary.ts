import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { Lesion } from '@shared/lesion/lesion';
import type { LesionScores } from '@shared/scoring/score-lesion';
import { URGENCY_RULE_SET } from '@shared/scoring/urgency-rules';
import { UrgencySchema } from '@shared/scoring/urgency';
import { WorklistRowSchema } from '@shared/worklist/worklist';
import { isKept, keepRead, keptRead, lookupOrScan } from '../db/kept-reads';
import { keyScores } from './score-summary';

/**
 * What a stored worklist row was scored under: the urgency rule set, and the form of the summary.
 * A lesion whose row names another is scored again from its record (at start, and by the worklist
 * if it meets one first), so a new rule set never leaves an urgency understated by a stale stored one.
 * Summary 2: a lesion's circumferential involvement is its worst arc's (shared/lesion/worst-arc.ts).
 */
export const SUMMARY_RULE_SET = `${URGENCY_RULE_SET} | worklist summary 2`;

/**
 * What the worklist shows of a lesion's record and scores, stored as JSON in its worklist row: the
 * fields it shows of the record, the urgency and the key scores.
 */
const StoredSummarySchema = z.object({
    ...WorklistRowSchema.pick({ studyInstanceUid: true, seriesInstanceUid: true, laterality: true, reader: true, status: true, createdAt: true, updatedAt: true }).shape,
    boneId: z.string(),
    regionId: z.string().nullable(),
    urgency: UrgencySchema,
    keyScores: WorklistRowSchema.shape.keyScores,
  });

/** A lesion's summary as the worklist shows it. */
export type LesionSummary = z.infer<typeof StoredSummarySchema>;

/** The worklist's summary of a lesion and its scores. */
export function summarize(lesion: Lesion, scores: LesionScores): LesionSummary {
  const { studyInstanceUid, seriesInstanceUid, laterality, reader, status, createdAt, updatedAt, boneId, regionId } = lesion;
  return { studyInstanceUid, seriesInstanceUid, laterality, reader, status, createdAt, updatedAt, boneId, regionId, urgency: scores.urgency, keyScores: keyScores(scores) };
}

/** A lesion's derived worklist columns, as named parameters of the statement that writes its row, and the summary its JSON holds. */
export function summaryColumns(lesion: Lesion, scores: LesionScores) {
  const summary = summarize(lesion, scores);
  return { urgency: scores.urgency.level, worstCase: scores.urgency.worstCase, summary: JSON.stringify(summary), ruleSet: SUMMARY_RULE_SET, summarized: summary };
}

const KIND = 'worklist summary';

/**
 * A lesion's stored summary, kept from an earlier read or write of the same worklist revision
 * (kept-reads.ts), else read from that row now; null when it does not hold one (see readSummary). Shared: never change it.
 */
export function storedSummary(db: Database.Database, lesionId: string, revision: number, json: () => string | undefined): LesionSummary | null {
  return keptRead(db, KIND, lesionId, revision, () => {
    const text = json();
    return text === undefined ? null : readSummary(text);
  });
}

/**
 * Reads the summaries of worklist rows not kept at their revision (kept-reads.ts lookupOrScan).
 */
export function unkeptSummaries(db: Database.Database, rows: readonly { id: string; revision: number | null }[]): (revision: number) => string | undefined {
  const unkept = rows.filter((row) => row.revision !== null && !isKept(db, KIND, row.id, row.revision)).length;
  const one = db.prepare('SELECT summary FROM lesion_worklist WHERE revision = ?').pluck();
  return lookupOrScan(unkept, (revision: number) => one.get(revision) as string | undefined, () => db.prepare('SELECT revision, summary FROM lesion_worklist').raw().all() as [number, string][]);
}

/** Keeps the summary just written for a lesion under its revision, so that the next worklist need not read it. */
export function rememberSummary(db: Database.Database, lesionId: string, revision: number, summary: LesionSummary): void {
  keepRead(db, KIND, lesionId, revision, summary);
}

/**
 * A stored summary read back, or null when it does not hold one (tampered, damaged, or scored under
 * another rule set): the caller then scores the lesion from its record. Checked with its schema: it
 * is small, so this is cheap.
 */
function readSummary(json: string): LesionSummary | null {
  try {
    const parsed = StoredSummarySchema.safeParse(JSON.parse(json));
    return parsed.success && parsed.data.urgency.ruleSet === URGENCY_RULE_SET ? parsed.data : null;
  } catch {
    return null;
  }
}
