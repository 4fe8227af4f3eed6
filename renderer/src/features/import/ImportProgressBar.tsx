import type { ImportPhase } from './import-context';
import { formatRate } from './import-format';

interface ImportProgressBarProps {
  phase: Extract<ImportPhase, { kind: 'starting' | 'uploading' | 'running' }>;
  onCancel(): void;
}

/** A running import: files done of total and speed, or the upload before it, with Cancel. */
export function ImportProgressBar({ phase, onCancel }: ImportProgressBarProps) {
  let done = 0;
  let total = 0;
  let detail = 'Starting…';
  if (phase.kind === 'uploading') {
    ({ done, total } = phase.upload);
    detail = `Uploading ${done} of ${total} files${phase.upload.current ? ` — ${phase.upload.current}` : ''}`;
  } else if (phase.kind === 'running') {
    const { progress } = phase.status;
    ({ filesDone: done, filesTotal: total } = progress);
    detail = progress.totalKnown
      ? `${done} of ${total} files ${formatRate(progress.filesPerSecond) ? `· ${formatRate(progress.filesPerSecond)}` : ''}`
      : `Looking for files… ${total > 0 ? `${total} found` : ''}`;
  }
  const known = phase.kind === 'uploading' || (phase.kind === 'running' && phase.status.progress.totalKnown);
  const percent = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  return (
    <div className="import-progress" data-testid="import-progress" data-state={phase.kind}>
      <div className="import-progress-label">
        <strong>Importing {phase.label}</strong>
        <span data-testid="import-progress-text">{detail}</span>
      </div>
      <div
        className={`progress-track${known ? '' : ' indeterminate'}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total || undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
      <button type="button" disabled={phase.kind !== 'running'} onClick={onCancel} data-testid="import-cancel">
        Cancel
      </button>
    </div>
  );
}
