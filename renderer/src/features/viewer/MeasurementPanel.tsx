import { selectAnnotation } from '../../services/viewer/annotation-selection';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { measurementName, measurementValue } from './measurement-format';
import { useExternalStore } from './use-viewport-state';

/** The measurements drawn on this page (live in Cornerstone; saving them comes with a later issue). */
export function MeasurementPanel({ session }: { session: ViewerSession }) {
  const { annotations, selected } = useExternalStore(session.annotations.list);
  return (
    <aside className="measurement-panel" data-testid="measurement-panel" aria-label="Measurements">
      <h2 className="section-title">Measurements</h2>
      {annotations.length === 0 && <p className="muted small">Pick a tool (L, B, E, O, F, A, X, T) and draw on an image.</p>}
      <ol className="measurement-list">
        {annotations.map((a) => (
          <li key={a.annotationUid} data-testid="measurement" data-tool={a.toolName} data-selected={selected.includes(a.annotationUid)}>
            <button type="button" className="measurement-item" aria-pressed={selected.includes(a.annotationUid)} onClick={() => selectAnnotation(session, a.annotationUid)} title="Select (Delete removes it) and show its image">
              <span className="measurement-name">{measurementName(a.toolName)}</span>
              <span className="measurement-value" data-testid="measurement-value">
                {measurementValue(a)}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
