import { citedAnnotationIds } from '@shared/lesion/cited-annotations';
import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';
import type { LesionDraft } from './lesion-draft';

interface AttachedDrawingsProps {
  draft: LesionDraft;
  /** The drawings on this page, to name the attached ones by their tool. */
  drawings: readonly AnnotationSnapshot[];
  selected: AnnotationSnapshot | null;
  /** Why the selected drawing may not be linked (another reader's), or null. */
  selectedNotOwn: string | null;
  readOnly: boolean;
  onChange(attachedAnnotationIds: string[]): void;
}

/** Why the selected drawing cannot be attached, or null when it can. */
function attachProblem(draft: LesionDraft, selected: AnnotationSnapshot | null, selectedNotOwn: string | null): string | null {
  if (!selected) return 'Select a drawing first (click it on the image or in Measurements).';
  if (selectedNotOwn) return selectedNotOwn;
  if (citedAnnotationIds(draft).includes(selected.annotationUid)) return 'A value of this lesion is measured on it: it belongs to the lesion already.';
  if (draft.attachedAnnotationIds.includes(selected.annotationUid)) return 'Already attached.';
  return null;
}

/**
 * Drawings that belong to the lesion without a value taken from them: an area traced around it (its
 * segmentation in the SEG and dataset exports), an arrow for a key image. Saved with the lesion; the
 * core links them in the same transaction.
 */
export function AttachedDrawings({ draft, drawings, selected, selectedNotOwn, readOnly, onChange }: AttachedDrawingsProps) {
  const problem = attachProblem(draft, selected, selectedNotOwn);
  const toolOf = (id: string) => drawings.find((d) => d.annotationUid === id)?.toolName ?? 'drawing not shown here';
  return (
    <div className="attached-drawings" data-testid="attached-drawings">
      <span className="small">Attached drawings ({draft.attachedAnnotationIds.length})</span>
      <ul className="small">
        {draft.attachedAnnotationIds.map((id) => (
          <li key={id} data-testid="attached-drawing" data-annotation-id={id}>
            {toolOf(id)}
            {!readOnly && (
              <button type="button" className="link-button" onClick={() => onChange(draft.attachedAnnotationIds.filter((x) => x !== id))} data-testid="detach-drawing">
                Detach
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <button type="button" disabled={problem !== null} title={problem ?? 'Attach the selected drawing to this lesion (e.g. an area for its segmentation)'} onClick={() => selected && onChange([...draft.attachedAnnotationIds, selected.annotationUid])} data-testid="attach-drawing">
          Attach selected drawing
        </button>
      )}
    </div>
  );
}
