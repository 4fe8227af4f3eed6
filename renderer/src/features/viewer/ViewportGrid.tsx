import type { SeriesSummary } from '@shared/dicom/series';
import type { StudySummary } from '@shared/dicom/study';
import type { ViewerSession } from '../../services/viewer/viewer-session';
import { SERIES_DRAG_TYPE } from './SeriesStrip';
import type { Layout } from './ViewerToolbar';
import { useExternalStore } from '../../app/use-external-store';
import { mprViewportId, PLANES, SLOT_COUNT, stackViewportId } from './viewport-ids';
import { ViewportPane } from './ViewportPane';

export { mprViewportId, PLANES, SLOT_COUNT } from './viewport-ids';

interface GridProps {
  session: ViewerSession;
  layout: Layout;
  /** The series of each stack slot (null: empty). */
  slots: (string | null)[];
  /** The series the reformat shows, in the 'mpr' layout. */
  mprSeries: string | null;
  initialIndex(viewportId: string, seriesUid: string): number;
  study: StudySummary | null;
  seriesList: SeriesSummary[];
  hideIdentifiers: boolean;
  onDropSeries(slot: number, seriesUid: string): void;
  /** A viewport is shown (its mounting over): what a reload kept for it is put back. */
  onViewportMounted?(viewportId: string): void;
}

/** The viewports of a layout: 1, 2 or 4 stacks, or the axial, sagittal and coronal planes of one series. */
export function ViewportGrid({ session, layout, slots, mprSeries, initialIndex, study, seriesList, hideIdentifiers, onDropSeries, onViewportMounted }: GridProps) {
  const { activeViewportId } = useExternalStore(session.state);
  const seriesOf = (uid: string) => seriesList.find((s) => s.seriesInstanceUid === uid) ?? null;
  const common = { session, study, hideIdentifiers };
  if (layout === 'mpr' && mprSeries) {
    return (
      <div className="viewport-grid layout-mpr" data-testid="viewport-grid" data-layout="mpr">
        {PLANES.map((orientation) => {
          const id = mprViewportId(orientation);
          return (
            <ViewportPane
              key={`${id}-${mprSeries}`}
              {...common}
              viewportId={id}
              source={{ kind: 'orthographic', seriesUid: mprSeries, orientation }}
              series={seriesOf(mprSeries)}
              active={activeViewportId === id}
              onActivate={() => session.setActiveViewport(id)}
              onMounted={() => onViewportMounted?.(id)}
            />
          );
        })}
      </div>
    );
  }
  const count = SLOT_COUNT[layout === 'mpr' ? '1x1' : layout];
  return (
    <div className={`viewport-grid layout-${layout}`} data-testid="viewport-grid" data-layout={layout}>
      {slots.slice(0, count).map((uid, slot) => {
        const id = stackViewportId(slot);
        if (!uid) return <EmptySlot key={`${id}-empty`} onDrop={(dropped) => onDropSeries(slot, dropped)} />;
        return (
          <ViewportPane
            key={`${id}-${uid}`}
            {...common}
            viewportId={id}
            source={{ kind: 'stack', seriesUid: uid, initialIndex: initialIndex(id, uid) }}
            series={seriesOf(uid)}
            active={activeViewportId === id}
            onActivate={() => session.setActiveViewport(id)}
            onDropSeries={(dropped) => onDropSeries(slot, dropped)}
            onMounted={() => onViewportMounted?.(id)}
          />
        );
      })}
    </div>
  );
}

function EmptySlot({ onDrop }: { onDrop(seriesUid: string): void }) {
  return (
    <div
      className="viewport-pane empty"
      data-testid="viewport-empty"
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        const uid = event.dataTransfer.getData(SERIES_DRAG_TYPE);
        if (uid) onDrop(uid);
      }}
    >
      <span className="muted">Drag a series here</span>
    </div>
  );
}
