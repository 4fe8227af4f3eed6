import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';
import type { LesionDraft } from './lesion-draft';
import { worstArcMessage } from './lesion-arcs';
import { shownArcs } from './shown-arcs';

/**
 * When a lesion has several cortical-involvement arcs: which one its circumferential involvement is
 * scored from (the worst: Van der Linden reads the worst axial slice) and what the others measure,
 * so a reader who linked a smaller arc sees why the value is the larger one's.
 */
export function WorstArcNote({ draft, drawings }: { draft: LesionDraft; drawings: readonly AnnotationSnapshot[] }) {
  const message = worstArcMessage(shownArcs(draft, drawings));
  return message === null ? null : (
    <p className="muted small" data-testid="worst-arc-note">
      {message}
    </p>
  );
}
