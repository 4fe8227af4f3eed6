import type { ScoreId, ScoreResult } from './result';

/** The result of a score that does not apply to this lesion, with the reason in words. */
export function notApplicable(score: ScoreId, name: string, source: string, reason: string): ScoreResult {
  return {
    score,
    name,
    source,
    applicable: false,
    notApplicableReason: reason,
    total: null,
    range: null,
    components: [],
    missingInputs: [],
    band: null,
    possibleBands: [],
    flagged: null,
    reasons: [],
    definition: null,
    notes: [],
  };
}
