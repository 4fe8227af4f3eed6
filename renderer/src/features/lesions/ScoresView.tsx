import type { ScoreResult } from '@shared/scoring/result';
import type { LesionScores } from '@shared/scoring/score-lesion';
import { urgencyLabel } from '@shared/scoring/urgency-level';
import { CtraView } from '../bone-analysis';

const SCORES = ['mirels', 'harrington', 'vanDerLinden', 'sins', 'escc'] as const;

function total(result: ScoreResult): string {
  if (result.total !== null) return String(result.total);
  if (result.range) return `${result.range[0]}–${result.range[1]}`;
  return result.band?.label ?? '—';
}

function verdict(result: ScoreResult): string {
  if (result.flagged === true) return 'flagged';
  if (result.flagged === false) return 'not flagged';
  return 'undecided';
}

/** The live scores of a lesion: urgency with reasons, then each applicable score with components and missing inputs. */
export function ScoresView({ scores }: { scores: LesionScores }) {
  const { urgency } = scores;
  return (
    <section className="lesion-scores" aria-label="Scores" data-testid="lesion-scores">
      <p className={`urgency urgency-${urgency.level}`} data-testid="lesion-urgency" data-level={urgency.level}>
        {urgencyLabel(urgency.level)}
        {urgency.dependsOnMissingInputs && <span className="muted small"> (could be {urgencyLabel(urgency.worstCase)})</span>}
      </p>
      <ul className="score-reasons">
        {urgency.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
        {urgency.worstCaseReasons.map((r) => (
          <li key={r} className="muted">
            {r}
          </li>
        ))}
      </ul>
      {SCORES.map((key) => scores[key]).map((result) =>
        result.applicable ? (
          <details key={result.score} className="score" data-testid={`score-${result.score}`} data-flagged={String(result.flagged)} data-total={total(result)} open={result.flagged === true}>
            <summary>
              <strong>{result.name}</strong> {total(result)} · <span data-testid="score-verdict">{verdict(result)}</span>
              {result.band && <span className="muted"> · {result.band.label}</span>}
            </summary>
            <table className="score-components">
              <tbody>
                {result.components.map((c) => (
                  <tr key={c.id} className={c.missing ? 'missing' : undefined}>
                    <td>{c.name}</td>
                    <td>{c.value ?? 'missing'}</td>
                    <td>{c.points ?? (c.possiblePoints ? `${c.possiblePoints[0]}–${c.possiblePoints[1]}` : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.reasons.length > 0 && <p className="small">{result.reasons.join('; ')}</p>}
            {result.missingInputs.length > 0 && <p className="small muted">Missing: {result.missingInputs.join(', ')}</p>}
            <p className="small muted">{result.source}</p>
          </details>
        ) : (
          <p key={result.score} className="small muted" data-testid={`score-${result.score}`} data-applicable="false">
            {result.name}: {result.notApplicableReason}
          </p>
        ),
      )}
      <CtraView ctra={scores.ctra} />
    </section>
  );
}
