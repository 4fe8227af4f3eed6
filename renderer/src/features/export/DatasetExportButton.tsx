import { useState } from 'react';
import { ExportDialog } from './ExportDialog';

/** The study browser's research dataset export of the studies ticked in the table. */
export function DatasetExportButton({ studyInstanceUids, onClear }: { studyInstanceUids: string[]; onClear(): void }) {
  const [open, setOpen] = useState(false);
  const count = studyInstanceUids.length;
  if (count === 0) return null;
  const subject = `${count} stud${count === 1 ? 'y' : 'ies'}`;
  return (
    <span className="selection-actions" data-testid="study-selection">
      <span data-testid="study-selection-count">{subject} selected</span>
      <button type="button" className="primary" onClick={() => setOpen(true)} data-testid="export-dataset-selected">
        Export research dataset…
      </button>
      <button type="button" onClick={onClear} data-testid="study-selection-clear">
        Clear selection
      </button>
      {open && <ExportDialog kind="dataset" studyInstanceUids={studyInstanceUids} subject={subject} pacsUrl={null} onClose={() => setOpen(false)} />}
    </span>
  );
}
