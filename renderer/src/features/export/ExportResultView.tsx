import type { ExportJobStatus } from '@shared/export/export-job';
import { formatSeconds } from '../../app/format';
import { formatFileSize } from './export-format';

const SHOWN_FILES = 200;

const HEADLINE: Record<Exclude<ExportJobStatus['state'], 'running'>, string> = {
  done: 'Export finished',
  cancelled: 'Export cancelled',
  failed: 'Export failed',
};

/** The result's headline: an export done but with a part failed (a study of a batch) says so, not only "finished". */
function headline(state: Exclude<ExportJobStatus['state'], 'running'>, errors: number): string {
  const failed = state === 'done' ? errors : 0;
  return failed === 0 ? HEADLINE[state] : `${HEADLINE.done}, but ${failed} part${failed === 1 ? '' : 's'} failed (listed below)`;
}

/** A finished export: where the files are, what was written, what the PACS said, and what went wrong. */
export function ExportResultView({ status }: { status: ExportJobStatus }) {
  if (status.state === 'running') return null;
  const total = status.filesWritten.reduce((n, f) => n + f.bytes, 0);
  return (
    <div className="export-result" data-testid="export-result" data-state={status.state}>
      <h3 data-testid="export-result-headline">{headline(status.state, status.errors.length)}</h3>
      {status.error && (
        <p className={status.state === 'cancelled' ? 'muted' : 'inline-error'} role="alert" data-testid="export-result-error">
          {status.error.message}
        </p>
      )}
      {status.destination && status.filesWritten.length > 0 && (
        <p>
          <span data-testid="export-result-count">{status.filesWritten.length}</span> file{status.filesWritten.length === 1 ? '' : 's'} ({formatFileSize(total)}) in{' '}
          <code data-testid="export-result-folder">{status.destination}</code> in {formatSeconds(status.progress.elapsedSeconds)}.
        </p>
      )}
      {status.pacs.map((p) => (
        <p key={p.studyInstanceUid} className={p.failed.length === 0 && p.confirmed ? 'ok-note' : 'inline-error'} data-testid="export-result-pacs">
          PACS {p.url} answered HTTP {p.httpStatus}: {p.stored.length} stored, {p.failed.length} failed
          {p.confirmed ? '; a search of the PACS now lists the study.' : '; a search of the PACS does not list the study yet: check it before relying on it.'}
          {p.failed.map((f) => ` ${f.sopInstanceUid ?? 'an instance'}: ${f.reason}.`).join('')}
        </p>
      ))}
      {/* A failed job's one error is already its headline message. */}
      {status.errors.length > (status.state === 'failed' ? 1 : 0) && (
        <ul className="export-errors" data-testid="export-result-errors">
          {status.errors.map((e, i) => (
            <li key={i}>
              <strong>{e.subject}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {status.notes.length > 0 && (
        <ul className="export-notes" data-testid="export-result-notes">
          {status.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      )}
      {status.filesWritten.length > 0 && (
        <details open={status.filesWritten.length <= 10}>
          <summary>Files written</summary>
          <ul className="export-files" data-testid="export-result-files">
            {status.filesWritten.slice(0, SHOWN_FILES).map((f) => (
              <li key={f.path} data-testid="export-result-file">
                <code>{status.destination ? f.path.slice(status.destination.length + 1) : f.path}</code> <span className="muted">{formatFileSize(f.bytes)}</span>
              </li>
            ))}
            {status.filesWritten.length > SHOWN_FILES && <li className="muted">… and {status.filesWritten.length - SHOWN_FILES} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
