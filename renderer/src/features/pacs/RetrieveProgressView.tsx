import type { RetrieveStatus } from '@shared/pacs/retrieve-job';
import { cancelRetrieve } from './retrieve-store';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** A retrieve's progress: instances, MB, rate, and Cancel while it runs; how it ended otherwise. */
export function RetrieveProgressView({ status }: { status: RetrieveStatus }) {
  const { progress: p, state } = status;
  const running = state === 'running';
  return (
    <div className="retrieve-progress" data-testid="retrieve-progress" data-state={state} data-done={p.instancesDone} data-total={p.instancesTotal}>
      {p.instancesTotal > 0 && <progress max={p.instancesTotal} value={p.instancesDone} />}
      <span>
        {running ? 'Retrieving' : state === 'done' ? 'Retrieved' : state === 'cancelled' ? 'Cancelled at' : 'Stopped at'} {p.instancesDone} of {p.instancesTotal || '…'} instances · {mb(p.bytes)} MB ·{' '}
        {mb(p.bytesPerSecond)} MB/s
        {p.cached > 0 && ` · ${p.cached} already here`}
      </span>
      {running && (
        <button type="button" onClick={() => void cancelRetrieve(status.jobId)} data-testid="retrieve-cancel">
          Cancel
        </button>
      )}
      {state === 'failed' && (
        <span className="inline-error" role="alert" data-testid="retrieve-error">
          {status.error} Opening the study again resumes.
        </span>
      )}
      {state === 'cancelled' && <span className="muted"> What arrived is kept; opening the study again resumes.</span>}
    </div>
  );
}
