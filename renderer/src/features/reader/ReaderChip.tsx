import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '@shared/reader/roles';
import { useExternalStore } from '../../app/use-external-store';
import { useReportError } from '../../app/errors';
import { ReaderDialog } from './ReaderDialog';
import { loadReader, readerStore } from './reader-store';

/** The header's reader chip: who is reading (click to edit); asks for a name when nobody has given one. */
export function ReaderChip() {
  const { loaded, reader } = useExternalStore(readerStore);
  const [editing, setEditing] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const reportError = useReportError();
  useEffect(() => {
    loadReader().catch((error: unknown) => reportError(error, 'Reading the reader failed'));
  }, [reportError]);
  const asking = editing || (loaded && !reader && !dismissed);
  return (
    <>
      <button type="button" className="reader-chip" onClick={() => setEditing(true)} title={reader ? `${reader.name} (${ROLE_LABELS[reader.role].toLowerCase()}): edit` : 'Sign in: name yourself'} data-testid="reader-chip">
        {reader ? reader.initials : 'Sign in'}
      </button>
      {asking && (
        <ReaderDialog
          initial={reader}
          onClose={() => {
            setEditing(false);
            setDismissed(true);
          }}
        />
      )}
    </>
  );
}
