import { z } from 'zod';
import type { Lesion } from '../lesion/lesion';
import { ScoreResultSchema } from './result';
import { UrgencySchema, referralUrgency } from './urgency';
import { scoreMirels } from './mirels';
import { scoreHarrington } from './harrington';
import { scoreVanDerLinden } from './van-der-linden';
import { scoreSins } from './sins';
import { scoreEscc } from './escc';

/** Every score of one lesion and its referral urgency. */
export const LesionScoresSchema = z.object({
  mirels: ScoreResultSchema,
  harrington: ScoreResultSchema,
  vanDerLinden: ScoreResultSchema,
  sins: ScoreResultSchema,
  escc: ScoreResultSchema,
  urgency: UrgencySchema,
});
export type LesionScores = z.infer<typeof LesionScoresSchema>;

/** Scores a lesion with every score (inapplicable ones say why) and derives its referral urgency. */
export function scoreLesion(lesion: Lesion): LesionScores {
  const scores = {
    mirels: scoreMirels(lesion),
    harrington: scoreHarrington(lesion),
    vanDerLinden: scoreVanDerLinden(lesion),
    sins: scoreSins(lesion),
    escc: scoreEscc(lesion),
  };
  return { ...scores, urgency: referralUrgency(lesion, scores) };
}
