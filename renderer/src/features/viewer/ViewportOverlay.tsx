import type { SeriesSummary } from '@shared/dicom/series';
import type { StudySummary } from '@shared/dicom/study';
import type { PixelReading, ViewportState } from '../../services/viewer/viewport-state';
import { formatPatientName } from '@shared/dicom/person-name';
import { formatDate } from '../../app/format';

interface OverlayProps {
  study: StudySummary | null;
  series: SeriesSummary | null;
  state: ViewportState;
  /** The plane of a reformat ('Sagittal'…), absent for a stack. */
  plane?: string;
  hideIdentifiers: boolean;
}

function pixelText(pixel: PixelReading): string {
  const where = `X ${pixel.column} Y ${pixel.row}${pixel.slice === undefined ? '' : ` Z ${pixel.slice}`}`;
  if (Array.isArray(pixel.value)) return `${where} · RGB ${pixel.value.join(', ')}`;
  return `${where} · ${pixel.value}${pixel.unit ? ` ${pixel.unit}` : ''}`;
}

/** The four corners of text a reader expects over an image, after PACS convention. */
export function ViewportOverlay({ study, series, state, plane, hideIdentifiers }: OverlayProps) {
  const mm = (value: number | null) => (value === null ? null : `${value.toFixed(2)} mm`);
  return (
    <div className="viewport-overlay" aria-hidden="true">
      <div className="overlay-corner top-left" data-testid="overlay-patient">
        {hideIdentifiers ? (
          <span className="overlay-muted" data-testid="overlay-identifiers-hidden">
            Identifiers hidden
          </span>
        ) : (
          study && (
            <>
              <span className="overlay-strong" data-testid="overlay-patient-name">
                {formatPatientName(study.patientName)}
              </span>
              <span data-testid="overlay-patient-id">{study.patientId || '—'}</span>
              <span>
                {formatDate(study.patientBirthDate)} {study.patientSex}
              </span>
            </>
          )
        )}
      </div>
      <div className="overlay-corner top-right" data-testid="overlay-study">
        {study && <span>{study.description || '(no study description)'}</span>}
        {study && !hideIdentifiers && <span>{formatDate(study.studyDate)}</span>}
        {series && (
          <span data-testid="overlay-series">
            {series.modality} · Se {series.seriesNumber ?? '—'} {series.description}
          </span>
        )}
        {plane && <span className="overlay-strong">{plane}</span>}
      </div>
      {state.markers &&
        (['left', 'right', 'top', 'bottom'] as const).map((edge) => (
          <span key={edge} className={`overlay-orient ${edge}`} data-testid={`overlay-orient-${edge}`}>
            {state.markers![edge]}
          </span>
        ))}
      <div className="overlay-corner bottom-left">
        <span data-testid="overlay-slice">
          Im {state.sliceIndex} / {state.sliceCount}
        </span>
        {state.slicePosition !== null && <span data-testid="overlay-position">Loc {mm(state.slicePosition)}</span>}
        {state.sliceThickness !== null && <span>Thk {mm(state.sliceThickness)}</span>}
        {state.columns !== null && state.rows !== null && (
          <span>
            {state.columns} × {state.rows}
          </span>
        )}
      </div>
      <div className="overlay-corner bottom-right">
        {state.pixel && <span data-testid="overlay-pixel">{pixelText(state.pixel)}</span>}
        {state.cine.playing && <span data-testid="overlay-cine">Cine {state.cine.fps} fps</span>}
        {state.zoom !== null && <span data-testid="overlay-zoom">Zoom {state.zoom.toFixed(2)}×</span>}
        {state.windowWidth !== null && (
          <span data-testid="overlay-window">
            W {state.windowWidth} L {state.windowCenter}
            {state.invert ? ' · inverted' : ''}
          </span>
        )}
      </div>
    </div>
  );
}
