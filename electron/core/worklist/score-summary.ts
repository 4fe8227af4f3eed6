import type { LesionScores } from '@shared/scoring/score-lesion';
import type { ScoreResult } from '@shared/scoring/result';

/** A score as a few words for a list: "Mirels 10", "SINS 8-11", or null where it does not apply. */
function short(label: string, result: ScoreResult): string | null {
  if (!result.applicable) return null;
  if (result.total !== null) return `${label} ${result.total}`;
  if (result.range) return `${label} ${result.range[0]}-${result.range[1]}`;
  return `${label} ?`;
}

/** The key scores of a lesion as the worklist shows them. */
export function keyScores(scores: LesionScores) {
  const vdl = scores.vanDerLinden;
  const escc = scores.escc;
  return {
    mirels: short('Mirels', scores.mirels),
    sins: short('SINS', scores.sins),
    vanDerLinden: vdl.applicable ? `VdL ${vdl.flagged === true ? 'high risk' : vdl.flagged === false ? 'low risk' : 'incomplete'}` : null,
    escc: escc.applicable ? `ESCC ${escc.components.find((c) => c.value !== null)?.value ?? '?'}` : null,
  };
}
