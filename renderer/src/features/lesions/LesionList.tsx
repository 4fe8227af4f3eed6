import { getBone } from '@shared/anatomy/catalogue';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { UrgencyBadge } from '../../components/UrgencyBadge';
import { urgencyLabel } from '@shared/scoring/urgency-level';

/** A lesion's name in a list: "left Femur · Diaphysis, lytic". */
export function lesionTitle({ boneId, regionId, laterality, nature }: ScoredLesion['lesion']): string {
  const bone = getBone(boneId);
  const region = bone?.regions.find((r) => r.id === regionId);
  return `${laterality && laterality !== 'midline' ? `${laterality} ` : ''}${bone?.name ?? boneId}${region ? ` · ${region.name}` : ''}${nature ? `, ${nature}` : ''}`;
}

interface LesionListProps {
  lesions: ScoredLesion[];
  selectedId: string | null;
  onSelect(id: string): void;
}

/**
 * Lesions whose missing inputs could raise their urgency come first (a lesion that could be urgent
 * must not sit unnoticed as routine); otherwise the order they were marked in.
 */
export function incompleteFirst(lesions: readonly ScoredLesion[]): ScoredLesion[] {
  return [...lesions].sort((a, b) => Number(b.scores.urgency.dependsOnMissingInputs) - Number(a.scores.urgency.dependsOnMissingInputs));
}

/** The study's lesions with their urgency badges: incomplete ones first, with the inputs to complete. */
export function LesionList({ lesions, selectedId, onSelect }: LesionListProps) {
  return (
    <ol className="lesion-list">
      {incompleteFirst(lesions).map(({ lesion, scores, origin }) => (
        <li key={lesion.id} data-testid="lesion-item" data-lesion-id={lesion.id} data-selected={lesion.id === selectedId}>
          <button type="button" className="lesion-item" aria-pressed={lesion.id === selectedId} onClick={() => onSelect(lesion.id)} title={scores.urgency.summary}>
            <UrgencyBadge level={scores.urgency.level} testId="lesion-urgency-badge" />
            <span>{lesionTitle(lesion)}</span>
            <span className="muted small">
              {lesion.reader} · {lesion.status}
              {origin && <span data-testid="lesion-origin"> · from {origin.workstation}</span>}
            </span>
            {scores.urgency.dependsOnMissingInputs && (
              <span className="small lesion-incomplete" data-testid="lesion-incomplete">
                could be {urgencyLabel(scores.urgency.worstCase)}: complete these inputs: {scores.urgency.missingInputs.join(', ')}
              </span>
            )}
          </button>
        </li>
      ))}
    </ol>
  );
}
