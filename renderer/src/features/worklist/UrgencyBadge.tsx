import { urgencyLabel, type UrgencyLevel } from '../../../../shared/scoring/urgency-level';

/** The urgency level as a coloured word; colour is never the only cue. */
export function UrgencyBadge({ level }: { level: UrgencyLevel }) {
  return (
    <span className={`urgency-badge urgency-${level}`} data-testid="urgency-badge" data-urgency={level}>
      {urgencyLabel(level)}
    </span>
  );
}
