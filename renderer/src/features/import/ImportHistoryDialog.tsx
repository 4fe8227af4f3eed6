import { useState } from 'react';
import { call } from '../../api/client';
import { useIndexVersion } from '../../app/index-version';
import { useLoaded } from '../../app/use-call';
import { Dialog } from '../../components/Dialog';
import { ImportReportView } from './ImportReportView';

/** Past imports, newest first; one can be opened to read its full report. */
export function ImportHistoryDialog({ onClose }: { onClose(): void }) {
  const { version } = useIndexVersion();
  const runs = useLoaded(() => call('import.history', { limit: 50 }), [version], 'Loading the import history failed');
  const [openRun, setOpenRun] = useState<number | null>(null);
  const list = runs.value ?? [];
  const selected = list.find((run) => run.runId === openRun);
  return (
    <Dialog title="Import history" onClose={onClose} testId="import-history" wide>
      {runs.loading && list.length === 0 && <p className="muted">Loading…</p>}
      {!runs.loading && list.length === 0 && <p className="empty-note">Nothing has been imported yet.</p>}
      {list.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>Started</th>
              <th>From</th>
              <th className="num">Seen</th>
              <th className="num">Indexed</th>
              <th className="num">Unchanged</th>
              <th className="num">Not indexed</th>
            </tr>
          </thead>
          <tbody>
            {list.map((run) => (
              <tr
                key={run.runId}
                className={`clickable${openRun === run.runId ? ' selected' : ''}`}
                onClick={() => setOpenRun(openRun === run.runId ? null : run.runId)}
                data-testid="import-history-row"
              >
                <td>{new Date(run.startedAt).toLocaleString()}</td>
                <td className="path-cell" title={run.sources.map((source) => source.path).join('\n')}>
                  {run.sources.map((source) => source.displayName).join(', ')}
                </td>
                <td className="num">{run.report.filesSeen}</td>
                <td className="num">{run.report.indexed}</td>
                <td className="num">{run.report.unchanged}</td>
                <td className="num">{run.report.reported.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && (
        <section className="history-report">
          <h3>Report of the import started {new Date(selected.startedAt).toLocaleString()}</h3>
          <ImportReportView report={selected.report} />
        </section>
      )}
    </Dialog>
  );
}
