import { NO_PERSISTENCE, type AnnotationPersistence } from '../../services/viewer/annotation-persistence';
import { currentInitials } from '../reader';
import { selectAnnotation } from '../../services/viewer/annotation-selection';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import type { AnnotationSnapshot } from '../../services/viewer/annotation-snapshot';
import { peekSeriesStack } from '../../services/viewer/series-stack';
import { hasFigures, spacingPlaneOf, storedStats, withPlaneUnits } from '../../services/viewer/stored-figures';
import type { Annotation } from '@shared/annotation/annotation';
import { measurementName, measurementValue } from './measurement-format';
import { useExternalStore } from '../../app/use-external-store';

/**
 * A drawing's figures as the panel shows them: Cornerstone's once it has drawn the drawing, before
 * that (a restored drawing on a slice not yet shown) the stored record's, with their units.
 */
function withFigures(annotation: AnnotationSnapshot, stored: Annotation | undefined): AnnotationSnapshot {
  if (!stored || hasFigures(annotation.stats)) {
    // A radiograph's mm are the detector's unless corrected: the unit says which (measurementSpacing).
    const plane = spacingPlaneOf(annotation.image, annotation.image ? peekSeriesStack(annotation.image.seriesInstanceUid) : undefined);
    return { ...annotation, stats: withPlaneUnits(annotation.stats, plane) };
  }
  return { ...annotation, stats: storedStats(stored, peekSeriesStack(stored.seriesInstanceUid)) };
}

/** The measurements drawn on this page, saved as they change (data-save-state says when all are stored). */
export function MeasurementPanel({ session, persistence }: { session: ViewerSession; persistence: AnnotationPersistence | null }) {
  const { annotations, selected } = useExternalStore(session.annotations.list);
  const { pending, loaded, unsaved, hidden, records } = useExternalStore(persistence?.state ?? NO_PERSISTENCE);
  const own = currentInitials();
  const shown = annotations.filter((a) => !hidden.has(a.annotationUid));
  const saveState = !loaded ? 'loading' : pending > 0 ? 'saving' : 'saved';
  return (
    <aside className="measurement-panel" data-testid="measurement-panel" aria-label="Measurements" data-save-state={saveState}>
      <h2 className="section-title">
        Measurements <span className="muted small">{saveState === 'saved' ? '' : saveState === 'saving' ? '· saving…' : '· loading…'}</span>
      </h2>
      {shown.length === 0 && <p className="muted small">Pick a tool (L, B, E, O, F, A, X, T) and draw on an image.</p>}
      <ol className="measurement-list">
        {shown.map((a) => (
          <li key={a.annotationUid} data-testid="measurement" data-tool={a.toolName} data-selected={selected.includes(a.annotationUid)}>
            <button type="button" className="measurement-item" aria-pressed={selected.includes(a.annotationUid)} onClick={() => selectAnnotation(session, a.annotationUid)} title="Select (Delete removes it) and show its image, or its plane of a reformat">
              <span className="measurement-name">
                {measurementName(a.toolName)}
                {records.get(a.annotationUid) && records.get(a.annotationUid)!.reader !== own && <span className="muted"> · {records.get(a.annotationUid)!.reader}</span>}
              </span>
              <span className="measurement-value" data-testid="measurement-value">
                {measurementValue(withFigures(a, records.get(a.annotationUid)))}
              </span>
              {unsaved.has(a.annotationUid) && (
                <span className="measurement-unsaved" data-testid="measurement-unsaved">
                  {unsaved.get(a.annotationUid)}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
