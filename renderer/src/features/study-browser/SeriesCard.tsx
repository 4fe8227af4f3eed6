import type { SeriesSummary } from '@shared/dicom/series';
import { plural } from '../../app/format';
import { SeriesThumbnail } from './SeriesThumbnail';

interface SeriesCardProps {
  series: SeriesSummary;
  selected: boolean;
  onSelect(): void;
  /** Opens the series in the viewer (double click). */
  onOpen(): void;
}

/** One series of a study: thumbnail, modality, number, description and instance count. */
export function SeriesCard({ series, selected, onSelect, onOpen }: SeriesCardProps) {
  const number = series.seriesNumber === null ? '—' : String(series.seriesNumber);
  const label = `Series ${number} ${series.modality} ${series.description}`.trim();
  return (
    <li>
      <button
        type="button"
        className={`series-card${selected ? ' selected' : ''}`}
        aria-pressed={selected}
        onClick={onSelect}
        onDoubleClick={onOpen}
        title="Double-click to open in the viewer"
        data-testid="series-card"
        data-series-uid={series.seriesInstanceUid}
      >
        <SeriesThumbnail instanceId={series.thumbnailInstanceId} label={label} />
        <span className="series-meta">
          <span className="series-line">
            <span className="badge" data-testid="series-modality">
              {series.modality || '??'}
            </span>
            <span className="series-number" data-testid="series-number">
              #{number}
            </span>
            <span className="series-count" data-testid="series-instance-count" data-count={series.instanceCount}>
              {plural(series.instanceCount, 'instance')}
            </span>
          </span>
          <span className="series-description" title={series.description} data-testid="series-description">
            {series.description || <span className="muted">(no description)</span>}
          </span>
          {series.bodyPart && <span className="muted small">{series.bodyPart}</span>}
        </span>
      </button>
    </li>
  );
}
