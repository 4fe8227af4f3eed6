import type { ExportJobStatus } from '@shared/export/export-job';
import { formatSeconds } from '../../app/format';
import { formatExportRate, formatMegabytes } from './export-format';

/** A running export: items done of total, megabytes, rate, what it is on, and Cancel. */
export function ExportProgressView({ status, cancelling, onCancel }: { status: ExportJobStatus | null; cancelling: boolean; onCancel(): void }) {
  const progress = status?.progress;
  const total = progress?.itemsTotal ?? 0;
  const done = progress?.itemsDone ?? 0;
  const known = total > 0;
  const bytes = progress ? `${formatMegabytes(progress.bytesDone)}${progress.bytesTotal > 0 ? ` of ${formatMegabytes(progress.bytesTotal)}` : ''}` : '';
  return (
    <div className="export-progress" data-testid="export-progress" data-items-done={done} data-items-total={total}>
      <div className="export-progress-line">
        <strong data-testid="export-progress-items">{known ? `${done} of ${total} items` : 'Preparing…'}</strong>
        <span data-testid="export-progress-bytes">{bytes}</span>
        <span className="muted" data-testid="export-progress-rate">
          {progress ? formatExportRate(progress) : ''}
        </span>
        <span className="muted">{progress ? formatSeconds(progress.elapsedSeconds) : ''}</span>
      </div>
      <div className={`progress-track${known ? '' : ' indeterminate'}`} role="progressbar" aria-valuemin={0} aria-valuemax={total || undefined} aria-valuenow={known ? done : undefined}>
        <div className="progress-fill" style={{ width: known ? `${Math.min(100, (100 * done) / total)}%` : undefined }} />
      </div>
      <div className="export-progress-line">
        <span className="muted" data-testid="export-progress-current">
          {progress?.currentItem ?? ''}
          {progress?.phase === 'sending' ? ' — sending to the PACS' : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={onCancel} disabled={!status || status.state !== 'running' || cancelling} data-testid="export-cancel">
          {cancelling ? 'Stopping…' : 'Cancel export'}
        </button>
      </div>
    </div>
  );
}
