import { urgencyLabel, type UrgencyLevel } from '@shared/scoring/urgency-level';
import './urgency.css';

/** The urgency level as a coloured word; colour is never the only cue. */
export function UrgencyBadge({ level, testId = 'urgency-badge' }: { level: UrgencyLevel; testId?: string }) {
  return (
    <span className={`urgency-badge urgency-${level}`} data-testid={testId} data-urgency={level}>
      {urgencyLabel(level)}
    </span>
  );
}
