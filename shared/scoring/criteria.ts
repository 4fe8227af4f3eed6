import type { ScoreBand, ScoreResult } from './result';
import { sumComponents, totalBounds } from './components';
import { applicableScore, type ScoreParts } from './applicable-score';

/**
 * Band and flag of a criteria score (any criterion met flags it): flagged when
 * one is met, not flagged when every criterion is known and none is met, and
 * undecided (null) while an unknown criterion could still flag it.
 * @param total - criteria met, when all are known
 * @param range - [met, met + unknown] while some are unknown
 * @param flagLabel - what a met criterion means ("high fracture risk")
 */
export function criteriaOutcome(
  total: number | null,
  range: [number, number] | null,
  flagLabel: string,
): { band: ScoreBand | null; possibleBands: ScoreBand[]; flagged: boolean | null } {
  const met: ScoreBand = { id: 'criterion-met', label: `criterion met: ${flagLabel}` };
  const none: ScoreBand = { id: 'no-criterion-met', label: 'no criterion met' };
  const [lo, hi] = totalBounds(total, range) ?? [0, 0];
  if (lo >= 1) return { band: met, possibleBands: [met], flagged: true };
  if (hi === 0) return { band: none, possibleBands: [none], flagged: false };
  return { band: null, possibleBands: [none, met], flagged: null };
}

/** The result of a criteria score (Harrington, Van der Linden): flagged when any criterion is met. */
export function criteriaScore(parts: Omit<ScoreParts, 'band' | 'possibleBands' | 'flagged'>, flagLabel: string): ScoreResult {
  const { total, range } = sumComponents(parts.components);
  return applicableScore({ ...parts, ...criteriaOutcome(total, range, flagLabel) });
}
