/** What the core said when a save or deletion was made on an older version of the lesion (code 'stale'). */
export interface StaleRefusal {
  message: string;
}

/**
 * Under the lesion form when the lesion was saved (or deleted) elsewhere since the form read it: the
 * core's words (who, where, when), the reader's edits still on screen, and the choice to load the
 * version stored now. Nothing is merged: loading it drops the edits, which the reader types again.
 */
export function StaleLesionNote({ refusal, loading, onLoad }: { refusal: StaleRefusal; loading: boolean; onLoad(): void }) {
  return (
    <div className="inline-error" role="alert" data-testid="lesion-stale">
      <p data-testid="lesion-stale-message">{refusal.message}</p>
      <p className="small">Your edits are still in the form and were not saved. Note what you need, then load the current version and make your change again.</p>
      <button type="button" onClick={onLoad} disabled={loading} data-testid="lesion-stale-load">
        {loading ? 'Loading…' : 'Load the current version'}
      </button>
    </div>
  );
}
