import { z } from 'zod';
import type { Lesion } from '../lesion/lesion';
import { ScoreResultSchema, type ScoreResult } from './result';
import { UrgencySchema, referralUrgency } from './urgency';
import { scoreMirels } from './mirels';
import { scoreHarrington } from './harrington';
import { scoreVanDerLinden } from './van-der-linden';
import { scoreSins } from './sins';
import { scoreEscc } from './escc';
import { IgnoredInputSchema, ignoredInputs } from './ignored-inputs';
import { CtraResultSchema, scoreCtra } from './ctra';

/** Every score of one lesion and its referral urgency. */
export const LesionScoresSchema = z.object({
  mirels: ScoreResultSchema,
  harrington: ScoreResultSchema,
  vanDerLinden: ScoreResultSchema,
  sins: ScoreResultSchema,
  escc: ScoreResultSchema,
  /** The rigidity verdict of an accepted bone analysis (experimental): shown with its reasons, never read by the urgency. */
  ctra: CtraResultSchema,
  urgency: UrgencySchema,
  /** Recorded values that no score reads for this lesion, each with the reason. */
  ignoredInputs: z.array(IgnoredInputSchema),
});
export type LesionScores = z.infer<typeof LesionScoresSchema>;

/**
 * Scores a lesion with every score (inapplicable ones say why), derives its referral urgency from
 * the five scores (the experimental rigidity verdict is reported beside them, never read by the
 * urgency) and names every recorded input left unread.
 */
export function scoreLesion(lesion: Lesion): LesionScores {
  const scores = {
    mirels: scoreMirels(lesion),
    harrington: scoreHarrington(lesion),
    vanDerLinden: scoreVanDerLinden(lesion),
    sins: scoreSins(lesion),
    escc: scoreEscc(lesion),
  };
  return { ...scores, ctra: scoreCtra(lesion), urgency: referralUrgency(lesion, scores), ignoredInputs: ignoredInputs(lesion, scores) };
}

/** The five score results of a lesion, in a fixed order (Mirels, Harrington, Van der Linden, SINS, ESCC). */
export function scoreResults(scores: LesionScores): ScoreResult[] {
  return [scores.mirels, scores.harrington, scores.vanDerLinden, scores.sins, scores.escc];
}
