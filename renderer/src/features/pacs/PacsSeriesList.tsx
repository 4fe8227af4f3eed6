import { call } from '../../api/client';
import { useLoaded } from '../../app/use-call';

/** The series of a PACS study: modality, number, description and count, and how many are here. */
export function PacsSeriesList({ studyUid }: { studyUid: string }) {
  const series = useLoaded(() => call('pacs.series', { studyInstanceUid: studyUid }), [studyUid], 'Listing the series on the PACS failed');
  if (series.loading && !series.value) return <p className="muted">Asking the PACS for the series…</p>;
  return (
    <table className="data-table pacs-series" data-testid="pacs-series">
      <tbody>
        {(series.value ?? []).map((s) => (
          <tr key={s.seriesInstanceUid} data-testid="pacs-series-row" data-series-uid={s.seriesInstanceUid}>
            <td>{s.seriesNumber ?? '–'}</td>
            <td data-testid="pacs-series-modality">{s.modality}</td>
            <td>{s.description}</td>
            <td className="num" data-testid="pacs-series-count">
              {s.instanceCount ?? '?'} instances
            </td>
            <td className="muted">{s.localInstances > 0 ? `${s.localInstances} here` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
