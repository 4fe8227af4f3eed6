import type { ScoreResult } from './result';
import { sumComponents } from './components';

/** What a score works out itself for a lesion it applies to; total and range follow from the components. */
export type ScoreParts = Omit<ScoreResult, 'applicable' | 'notApplicableReason' | 'total' | 'range'>;

/** The result of a score that applies: its parts, with the total (or range) summed from its components. */
export function applicableScore(parts: ScoreParts): ScoreResult {
  const { total, range } = sumComponents(parts.components);
  return { ...parts, applicable: true, notApplicableReason: null, total, range };
}
