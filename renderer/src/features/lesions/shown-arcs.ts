import { lesionArcs } from '@shared/lesion/worst-arc';
import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';
import { peekSeriesStack } from '../../services/viewer/series-stack';
import type { LesionDraft } from './lesion-draft';
import { drawingFigures, type ShownArc } from './lesion-arcs';

/** Where a drawing lies, as the reader finds it: its 1-based slice of the loaded series, or a reformat. */
function drawingSlice(drawing: AnnotationSnapshot | undefined): string {
  if (!drawing) return 'a drawing not shown here';
  if (!drawing.image) return 'a reformat';
  const { seriesInstanceUid, sopInstanceUid, frame } = drawing.image;
  const index = peekSeriesStack(seriesInstanceUid)?.slices.findIndex((s) => s.sopInstanceUid === sopInstanceUid && (s.frame ?? 1) === (frame ?? 1)) ?? -1;
  return index < 0 ? 'a slice of another series' : `slice ${index + 1}`;
}

/** The lesion's arcs drawn on this page, the one its circumferential involvement is read from marked. */
export function shownArcs(draft: LesionDraft, drawings: readonly AnnotationSnapshot[]): ShownArc[] {
  const linked = draft.circumferentialInvolvementPct?.provenance;
  const scoredId = linked?.source === 'annotation' ? linked.annotationId : null;
  return lesionArcs(draft, drawingFigures(drawings)).map((a) => ({
    ...a,
    slice: drawingSlice(drawings.find((d) => d.annotationUid === a.annotationId)),
    scored: a.annotationId === scoredId,
  }));
}
