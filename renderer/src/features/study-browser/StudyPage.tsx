import { useState } from 'react';
import { call } from '../../api/client';
import { useIndexVersion } from '../../app/index-version';
import { navigate, studiesHref, viewerHref } from '../../app/routes';
import { useLoaded } from '../../app/use-call';
import { plural } from '../../app/format';
import { SeriesCard } from './SeriesCard';
import { StudyHeader } from './StudyHeader';

/** One study: its patient and facts, and its series as cards with thumbnails. */
export function StudyPage({ studyUid }: { studyUid: string }) {
  const { version } = useIndexVersion();
  const detail = useLoaded(() => call('studies.get', { studyInstanceUid: studyUid }), [studyUid, version], 'Opening the study failed');
  const [selected, setSelected] = useState<string | null>(null);
  const value = detail.value?.study.studyInstanceUid === studyUid ? detail.value : undefined;
  return (
    <div className="page study-page" data-testid="study-page">
      <nav className="breadcrumb">
        <a href={studiesHref} data-testid="back-to-studies">
          ← Studies
        </a>
      </nav>
      {!value && detail.loading && <p className="muted">Loading the study…</p>}
      {!value && !detail.loading && (
        <p className="empty-note">
          This study could not be opened. <a href={studiesHref}>Back to the study list</a>
        </p>
      )}
      {value && (
        <>
          <StudyHeader study={value.study} />
          <div className="series-heading">
            <h2 className="section-title">{plural(value.series.length, 'series', 'series')}</h2>
            <a
              className="open-viewer"
              href={viewerHref(studyUid, selected ?? value.series[0]?.seriesInstanceUid ?? '')}
              hidden={value.series.length === 0}
              data-testid="open-viewer"
            >
              Open {selected ? 'the selected series' : 'in the viewer'} →
            </a>
          </div>
          <ul className="series-grid" data-testid="series-grid">
            {value.series.map((series) => (
              <SeriesCard
                key={series.seriesInstanceUid}
                series={series}
                selected={selected === series.seriesInstanceUid}
                onSelect={() => setSelected(series.seriesInstanceUid)}
                onOpen={() => navigate(viewerHref(studyUid, series.seriesInstanceUid))}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
