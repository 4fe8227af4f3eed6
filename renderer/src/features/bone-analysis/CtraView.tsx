import type { CtraResult } from '@shared/scoring/ctra';

/** The experimental rigidity verdict beside the scores: flagged or not, why, and every note and constant. */
export function CtraView({ ctra }: { ctra: CtraResult }) {
  if (!ctra.applicable) {
    return (
      <p className="small muted" data-testid="score-ctra" data-applicable="false">
        {ctra.name}: {ctra.notApplicableReason}
      </p>
    );
  }
  const verdict = ctra.flagged === true ? 'flagged' : ctra.flagged === false ? 'not flagged' : 'undecided (no reference)';
  return (
    <details className="score ctra" data-testid="score-ctra" data-applicable="true" data-flagged={String(ctra.flagged)} open={ctra.flagged === true}>
      <summary>
        <strong>{ctra.name}</strong> · <span data-testid="score-verdict">{verdict}</span>
      </summary>
      {ctra.reasons.length > 0 && (
        <p className="small" data-testid="ctra-reasons">
          {ctra.reasons.join('; ')}
        </p>
      )}
      {ctra.notes.map((note) => (
        <p key={note} className="small muted">
          {note}
        </p>
      ))}
      <p className="small muted">{ctra.source}</p>
    </details>
  );
}
