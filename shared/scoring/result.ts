import { z } from 'zod';

/** The scores the app computes. */
export const ScoreIdSchema = z.enum(['mirels', 'harrington', 'van-der-linden', 'sins', 'escc']);
export type ScoreId = z.infer<typeof ScoreIdSchema>;

const RangeSchema = z.tuple([z.number(), z.number()]);

/** One component of a score: the input it read, the points it gave, or why it gave none. */
export const ScoreComponentSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The input as shown to a reader ("lytic", "34 mm"); null when missing. */
  value: z.string().nullable(),
  /** Points given; null when the input is missing. For criteria: 1 met, 0 not met. */
  points: z.number().nullable(),
  missing: z.boolean(),
  /** [min, max] points the component could give while its input is missing. */
  possiblePoints: RangeSchema.nullable(),
  /** For criteria (Harrington, Van der Linden): met, not met, or null when unknown. */
  met: z.boolean().nullable(),
});
export type ScoreComponent = z.infer<typeof ScoreComponentSchema>;

/** An interpretation band of a score ("7-12 potentially unstable"). */
export const ScoreBandSchema = z.object({ id: z.string(), label: z.string() });
export type ScoreBand = z.infer<typeof ScoreBandSchema>;

/** What every score returns: total or range, components, missing inputs, band and reasons. */
export const ScoreResultSchema = z.object({
  score: ScoreIdSchema,
  name: z.string(),
  /** The publication (or rule set) the score follows. */
  source: z.string(),
  applicable: z.boolean(),
  notApplicableReason: z.string().nullable(),
  /** The total when every input is known; null otherwise (and for ESCC, a grade not a sum). */
  total: z.number().nullable(),
  /** [min, max] of possible totals while inputs are missing; null when the total is known. */
  range: RangeSchema.nullable(),
  components: z.array(ScoreComponentSchema),
  /** Names of the inputs still missing, as a reader would fill them in. */
  missingInputs: z.array(z.string()),
  /** The band of the total, or of the whole range when it lies in one band. */
  band: ScoreBandSchema.nullable(),
  /** Every band the total could still fall in. */
  possibleBands: z.array(ScoreBandSchema),
  /** Whether the score reaches its action threshold; null while missing inputs decide it. */
  flagged: z.boolean().nullable(),
  /** Why it is flagged, in words to check against the image ("Mirels 10 >= 9"). */
  reasons: z.array(z.string()),
  /** The definition used where sources differ (Mirels size), else null. */
  definition: z.string().nullable(),
  notes: z.array(z.string()),
});
export type ScoreResult = z.infer<typeof ScoreResultSchema>;
