import { UrgencyLevelSchema, type UrgencyLevel } from '@shared/scoring/urgency-level';
import type { Worklist } from '@shared/worklist/worklist';
import { UrgencyBadge } from '../../components/UrgencyBadge';

interface UrgencyFilterProps {
  chosen: readonly UrgencyLevel[];
  /** Lesions per urgency under the other filters; undefined while the first answer loads. */
  counts: Worklist['counts'] | undefined;
  onChange(chosen: UrgencyLevel[]): void;
}

/** One toggle per urgency, most urgent first, each with its count: the worklist's headline. */
export function UrgencyFilter({ chosen, counts, onChange }: UrgencyFilterProps) {
  const levels = [...UrgencyLevelSchema.options].reverse();
  const toggle = (level: UrgencyLevel) =>
    onChange(chosen.includes(level) ? chosen.filter((l) => l !== level) : levels.filter((l) => l === level || chosen.includes(l)));
  return (
    <div className="urgency-filter" role="group" aria-label="Urgency">
      {levels.map((level) => (
        <button
          key={level}
          type="button"
          className="urgency-toggle"
          aria-pressed={chosen.includes(level)}
          onClick={() => toggle(level)}
          data-testid={`urgency-toggle-${level}`}
        >
          <UrgencyBadge level={level} />
          <span className="urgency-count" data-testid={`urgency-count-${level}`}>
            {counts ? counts[level] : '…'}
          </span>
        </button>
      ))}
    </div>
  );
}
