import type { SeriesSummary } from '@shared/dicom/series';
import { SeriesThumbnail } from '../study-browser';

/** The drag data type that carries a SeriesInstanceUID from the strip to a viewport. */
export const SERIES_DRAG_TYPE = 'application/x-bonemet-series';

interface StripProps {
  series: SeriesSummary[];
  /** Series shown in some viewport, highlighted in the strip. */
  shown: ReadonlySet<string>;
  onOpen(seriesUid: string): void;
}

/** The study's series, to drag into a viewport (or click, to show in the active one). */
export function SeriesStrip({ series, shown, onOpen }: StripProps) {
  return (
    <aside className="series-strip" data-testid="series-strip" aria-label="Series of this study">
      {series.map((s) => {
        const label = `Series ${s.seriesNumber ?? '—'} ${s.modality} ${s.description}`.trim();
        return (
          <button
            key={s.seriesInstanceUid}
            type="button"
            className={`strip-item${shown.has(s.seriesInstanceUid) ? ' shown' : ''}`}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(SERIES_DRAG_TYPE, s.seriesInstanceUid);
              event.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onOpen(s.seriesInstanceUid)}
            title={`${label}: drag into a viewport, or click to show it in the active one`}
            data-testid="strip-series"
            data-series-uid={s.seriesInstanceUid}
          >
            <SeriesThumbnail instanceId={s.thumbnailInstanceId} label={label} />
            <span className="strip-line">
              <span className="badge">{s.modality || '??'}</span>
              <span className="muted">#{s.seriesNumber ?? '—'}</span>
              <span className="muted strip-count">{s.frameCount > s.instanceCount ? s.frameCount : s.instanceCount}</span>
            </span>
            <span className="strip-description">{s.description || <span className="muted">(no description)</span>}</span>
          </button>
        );
      })}
    </aside>
  );
}
