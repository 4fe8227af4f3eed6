import { getBone } from '@shared/anatomy/catalogue';
import type { ScoredLesion } from '@shared/lesion/scored-lesion';
import { UrgencyBadge } from '../../components/UrgencyBadge';

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

/** The study's lesions with their urgency badges, in the order they were marked. */
export function LesionList({ lesions, selectedId, onSelect }: LesionListProps) {
  return (
    <ol className="lesion-list">
      {lesions.map(({ lesion, scores }) => (
        <li key={lesion.id} data-testid="lesion-item" data-lesion-id={lesion.id} data-selected={lesion.id === selectedId}>
          <button type="button" className="lesion-item" aria-pressed={lesion.id === selectedId} onClick={() => onSelect(lesion.id)} title={scores.urgency.summary}>
            <UrgencyBadge level={scores.urgency.level} testId="lesion-urgency-badge" />
            <span>{lesionTitle(lesion)}</span>
            <span className="muted small">
              {lesion.reader} · {lesion.status}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
