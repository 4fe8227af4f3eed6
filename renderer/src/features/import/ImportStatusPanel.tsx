import { ImportProgressBar } from './ImportProgressBar';
import { ImportReportView } from './ImportReportView';
import { useImport } from './import-context';

const OUTCOME: Record<string, string> = {
  done: 'Import finished',
  cancelled: 'Import cancelled — what was indexed before stays indexed',
  failed: 'Import failed',
};

/** The running import's progress, then its report until the user closes it. */
export function ImportStatusPanel() {
  const { phase, cancel, dismiss } = useImport();
  if (phase.kind === 'idle') return null;
  if (phase.kind !== 'finished') {
    return (
      <section className="import-panel" aria-label="Import">
        <ImportProgressBar phase={phase} onCancel={cancel} />
      </section>
    );
  }
  const { status } = phase;
  return (
    <section className={`import-panel outcome-${status.state}`} aria-label="Import report" data-testid="import-report" data-state={status.state}>
      <header className="import-panel-header">
        <h2>
          {OUTCOME[status.state] ?? status.state}
          <span className="muted"> · {phase.label}</span>
        </h2>
        <button type="button" className="icon-button" aria-label="Close the report" onClick={dismiss} data-testid="import-report-close">
          ×
        </button>
      </header>
      {status.error && <p className="inline-error">{status.error}</p>}
      {status.report && <ImportReportView report={status.report} />}
    </section>
  );
}
