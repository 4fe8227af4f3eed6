import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';

interface DeleteLesionButtonProps {
  /** The lesion's name as the list shows it. */
  title: string;
  /** How many saved measurements point to the lesion: they stay, unlinked. */
  measurementCount: number;
  onDelete(): Promise<void>;
}

/** "Delete lesion", after a confirmation that says what becomes of its measurements and reviews. */
export function DeleteLesionButton({ title, measurementCount, onDelete }: DeleteLesionButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onDelete();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <>
      <button type="button" className="danger-outline" onClick={() => setAsking(true)} data-testid="lesion-delete">
        Delete lesion
      </button>
      {asking && (
        <ConfirmDialog title="Delete this lesion?" confirmLabel="Delete lesion" busy={busy} onConfirm={() => void confirm()} onCancel={() => setAsking(false)}>
          <p data-testid="lesion-delete-what">
            {title}: the lesion and its scores leave every list, the worklist and later exports; the specialists' decisions on it are deleted with it.
          </p>
          <p data-testid="lesion-delete-measurements">
            {measurementCount === 0
              ? 'No measurement is linked to it.'
              : measurementCount === 1
                ? 'Its linked measurement stays on the images, unlinked from any lesion.'
                : `Its ${measurementCount} linked measurements stay on the images, unlinked from any lesion.`}{' '}
            The audit trail keeps the deleted record.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
