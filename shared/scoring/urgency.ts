import { z } from 'zod';
import type { Lesion } from '../lesion/lesion';
import { UrgencyLevelSchema, isMoreUrgent, maxUrgency, urgencyLabel, urgencyRank, type UrgencyLevel } from './urgency-level';
import { URGENCY_RULE_SET, evaluateUrgencyRules, type RuleScores } from './urgency-rules';
import { scoreMirels } from './mirels';
import { scoreHarrington } from './harrington';
import { scoreVanDerLinden } from './van-der-linden';
import { scoreSins } from './sins';
import { scoreEscc } from './escc';
import { urgencyNameOf } from './input-names';

/** The referral urgency of one lesion, with the reasons a surgeon checks against the image. */
export const UrgencySchema = z.object({
  /** The level the recorded inputs establish. */
  level: UrgencyLevelSchema,
  /** The level if every missing input took its worst value. */
  worstCase: UrgencyLevelSchema,
  /** True when missing inputs could raise the level above `level`. */
  dependsOnMissingInputs: z.boolean(),
  /** Why `level` (every rule met, most urgent first), e.g. "Mirels 10 >= 9". */
  reasons: z.array(z.string()),
  /** What could raise it, e.g. "urgent if SINS 5-14 reaches >= 13". */
  worstCaseReasons: z.array(z.string()),
  /** The inputs that would decide between `level` and `worstCase`. */
  missingInputs: z.array(z.string()),
  ruleSet: z.string(),
  /** One sentence for a list view. */
  summary: z.string(),
});
export type Urgency = z.infer<typeof UrgencySchema>;

const BY_LEVEL_DESC = (a: { level: UrgencyLevel }, b: { level: UrgencyLevel }) => urgencyRank(b.level) - urgencyRank(a.level);

/**
 * Referral urgency of a lesion (emergency / urgent / surgical opinion / routine)
 * under the app's rule set, never treating a missing input as absent: where a
 * score's range spans a threshold, the worst case is reported with what it depends on.
 * @param scores - the lesion's scores, when already computed
 */
export function referralUrgency(lesion: Lesion, scores?: RuleScores): Urgency {
  const s = scores ?? {
    mirels: scoreMirels(lesion),
    harrington: scoreHarrington(lesion),
    vanDerLinden: scoreVanDerLinden(lesion),
    sins: scoreSins(lesion),
    escc: scoreEscc(lesion),
  };
  const triggers = evaluateUrgencyRules(lesion, s).sort(BY_LEVEL_DESC);
  const met = triggers.filter((t) => t.state === 'met');
  const level = met.reduce<UrgencyLevel>((acc, t) => maxUrgency(acc, t.level), 'routine');
  const raising = triggers.filter((t) => t.state === 'possible' && isMoreUrgent(t.level, level));
  const worstCase = raising.reduce<UrgencyLevel>((acc, t) => maxUrgency(acc, t.level), level);
  // One name per input: a score lists it with its unit ("circumferential involvement (%)"), the urgency without.
  const missingInputs = [...new Set(raising.flatMap((t) => t.missingInputs.map(urgencyNameOf)))];
  const reasons = met.map((t) => t.reason);
  let summary = reasons.length > 0 ? `${urgencyLabel(level)}: ${reasons.join('; ')}` : urgencyLabel(level);
  if (worstCase !== level) summary += `; could be ${urgencyLabel(worstCase)} depending on ${missingInputs.join(', ')}`;
  return {
    level,
    worstCase,
    dependsOnMissingInputs: worstCase !== level,
    reasons,
    worstCaseReasons: raising.map((t) => `${urgencyLabel(t.level)} if ${t.reason}`),
    missingInputs,
    ruleSet: URGENCY_RULE_SET,
    summary,
  };
}
