import { z } from 'zod';
import type { Lesion } from '@shared/lesion/lesion';
import type { LesionScores } from '@shared/scoring/score-lesion';
import { URGENCY_RULE_SET } from '@shared/scoring/urgency-rules';
import { UrgencySchema } from '@shared/scoring/urgency';
import { WorklistRowSchema } from '@shared/worklist/worklist';
import { keyScores } from './score-summary';

/**
 * What a stored worklist row was scored under: the urgency rule set, and the form of the summary.
 * A lesion whose row names another is scored again from its record (at start, and by the worklist
 * if it meets one first), so a new rule set never leaves an urgency understated by a stale stored one.
 */
export const SUMMARY_RULE_SET = `${URGENCY_RULE_SET} | worklist summary 1`;

/**
 * What the worklist shows of a lesion beyond its columns, stored as JSON in its worklist row: the
 * urgency and key scores, and the record's reader and creation time
 * (the lesions table's reader and created_at columns keep the first save's; the worklist shows the record's).
 */
const StoredSummarySchema = z
  .object({
    urgency: UrgencySchema.strict(),
    keyScores: WorklistRowSchema.shape.keyScores.strict(),
    reader: WorklistRowSchema.shape.reader,
    createdAt: WorklistRowSchema.shape.createdAt,
  })
  .strict();

/** A lesion's summary as the worklist shows it. */
export type LesionSummary = z.infer<typeof StoredSummarySchema>;

/** The worklist's summary of a lesion and its scores. */
export function summarize(lesion: Lesion, scores: LesionScores): LesionSummary {
  return { urgency: scores.urgency, keyScores: keyScores(scores), reader: lesion.reader, createdAt: lesion.createdAt };
}

/** A lesion's derived worklist columns, as named parameters of the statement that writes its row. */
export function summaryColumns(lesion: Lesion, scores: LesionScores) {
  return {
    urgency: scores.urgency.level,
    worstCase: scores.urgency.worstCase,
    boneId: lesion.boneId,
    regionId: lesion.regionId,
    laterality: lesion.laterality,
    summary: JSON.stringify(summarize(lesion, scores)),
    ruleSet: SUMMARY_RULE_SET,
  };
}

/**
 * A stored summary read back, or null when it does not hold one (tampered, damaged, or scored under
 * another rule set): the caller then scores the lesion from its record. Checked with its schema: it
 * is small, so this is cheap.
 */
export function readSummary(json: string): LesionSummary | null {
  try {
    const parsed = StoredSummarySchema.safeParse(JSON.parse(json));
    return parsed.success && parsed.data.urgency.ruleSet === URGENCY_RULE_SET ? parsed.data : null;
  } catch {
    return null;
  }
}
