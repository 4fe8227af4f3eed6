import { useEffect, useRef, type DragEvent } from 'react';
import type { SeriesSummary } from '@shared/dicom/series';
import type { StudySummary } from '@shared/dicom/study';
import { errorMessage } from '../../api/api-error';
import type { Orientation, ViewerSession } from '../../services/viewer/viewer-session';
import { SERIES_DRAG_TYPE } from './SeriesStrip';
import { useSeriesStack } from './use-series-stack';
import { useViewportState } from './use-viewport-state';
import { ViewportOverlay } from './ViewportOverlay';

/** What a pane shows: a series as a stack, or one plane of its reformat. */
export type PaneSource =
  | { kind: 'stack'; seriesUid: string; initialIndex: number }
  | { kind: 'orthographic'; seriesUid: string; orientation: Orientation };

interface PaneProps {
  session: ViewerSession;
  viewportId: string;
  source: PaneSource;
  study: StudySummary | null;
  series: SeriesSummary | null;
  hideIdentifiers: boolean;
  active: boolean;
  onActivate(): void;
  onDropSeries?(seriesUid: string): void;
  /** Called once the viewport's mounting is over (its image or volume shown, unless it failed or left). */
  onMounted?(): void;
}

const PLANES: Record<Orientation, string> = { axial: 'Axial', sagittal: 'Sagittal', coronal: 'Coronal' };

/**
 * One viewport: the element Cornerstone draws into (with its status, slice and error as data
 * attributes for tests and automation), the corner overlays, a loading or error note, and the
 * series' geometry warnings. A series dragged from the strip replaces what it shows.
 */
export function ViewportPane({ session, viewportId, source, study, series, hideIdentifiers, active, onActivate, onDropSeries, onMounted }: PaneProps) {
  const element = useRef<HTMLDivElement>(null);
  const { stack, error: stackError } = useSeriesStack(source.seriesUid);
  const state = useViewportState(session, viewportId);
  const detail = source.kind === 'stack' ? source.initialIndex : source.orientation;

  // A stack viewport is mounted once per series: a longer listing of a series still arriving is
  // taken in place (growStack), keeping the reader's slice and view. A reformat is built anew.
  const listed = useRef(stack);
  listed.current = stack;
  const mounted = useRef(onMounted);
  mounted.current = onMounted;
  const mountKey = source.kind === 'stack' ? stack !== null : stack;
  useEffect(() => {
    const target = element.current;
    const first = listed.current;
    if (!first || !target) return;
    const mounting = source.kind === 'stack' ? session.mountStack(viewportId, target, first, detail as number) : session.mountOrthographic(viewportId, target, first, detail as Orientation);
    mounting.then(
      () => mounted.current?.(),
      (error: unknown) => session.store.update(viewportId, { status: 'error', error: errorMessage(error) }),
    );
    return () => session.unmount(viewportId);
    // source.kind and detail stand for the source object, which is rebuilt on every render.
  }, [session, viewportId, mountKey, source.kind, detail]);
  useEffect(() => {
    if (stack && source.kind === 'stack') session.growStack(viewportId, stack);
  }, [session, viewportId, stack, source.kind]);

  // Layout changes resize the element: Cornerstone must refit its canvas (once per frame).
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => session.resize());
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [session]);

  const status = stackError ? 'error' : stack ? state.status : 'loading';
  const reason = stackError ?? (status === 'error' ? state.error : null);
  const warnings = source.kind === 'stack' ? (stack?.geometry.warnings ?? []) : [];
  const onDragOver = (event: DragEvent) => {
    if (onDropSeries && event.dataTransfer.types.includes(SERIES_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  };
  const onDrop = (event: DragEvent) => {
    const uid = event.dataTransfer.getData(SERIES_DRAG_TYPE);
    if (!uid || !onDropSeries) return;
    event.preventDefault();
    onDropSeries(uid);
  };
  return (
    <div className={`viewport-pane${active ? ' active' : ''}`} data-testid="viewport-pane" onMouseDownCapture={onActivate} onDragOver={onDragOver} onDrop={onDrop}>
      <div
        ref={element}
        className="viewport-element"
        data-testid="viewport"
        data-viewport-id={viewportId}
        data-series-uid={source.seriesUid}
        data-orientation={source.kind === 'orthographic' ? source.orientation : 'stack'}
        data-viewport-status={status}
        data-viewport-error={reason ?? undefined}
        data-slice-index={state.sliceIndex}
        data-slice-count={state.sliceCount}
        onContextMenu={(event) => event.preventDefault()}
      />
      <ViewportOverlay study={study} series={series} state={state} plane={source.kind === 'orthographic' ? PLANES[source.orientation] : undefined} hideIdentifiers={hideIdentifiers} />
      {status === 'loading' && <span className="viewport-note spinner" aria-label="Loading" />}
      {reason && (
        <div className="viewport-note viewport-error" data-testid="viewport-error" role="alert">
          ⚠ {reason}
        </div>
      )}
      {warnings.length > 0 && status !== 'error' && (
        <ul className="viewport-warnings" data-testid="geometry-warnings">
          {warnings.map((w) => (
            <li key={w.code} data-code={w.code}>
              ⚠ {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
