import { useState } from 'react';
import { ChooseFilesButton } from './ChooseFilesButton';
import { ImportHistoryDialog } from './ImportHistoryDialog';
import { useImport } from './import-context';

/** The header's import actions: folder, files, and the history of past imports. */
export function ImportToolbar() {
  const { chooseFolder, busy } = useImport();
  const [historyOpen, setHistoryOpen] = useState(false);
  return (
    <div className="toolbar" role="toolbar" aria-label="Import">
      <button type="button" className="primary" disabled={busy} onClick={chooseFolder} data-testid="import-folder">
        Import folder…
      </button>
      <ChooseFilesButton />
      <button type="button" onClick={() => setHistoryOpen(true)} data-testid="import-history-open">
        History
      </button>
      {historyOpen && <ImportHistoryDialog onClose={() => setHistoryOpen(false)} />}
    </div>
  );
}
