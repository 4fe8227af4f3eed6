import { useState } from 'react';
import { ownedRecordsText, sameReaderName, type ReaderRecords } from '@shared/reader/reader';
import { Dialog } from '../../components/Dialog';

interface ClaimInitialsProps {
  owned: ReaderRecords & { name: string };
  /** What the app refused, if it did. */
  problem: string | null;
  /** Signs in under the initials with the name as recorded. */
  onConfirm(recordedName: string): void;
  /** Back to choosing initials. */
  onBack(): void;
  onClose(): void;
}

/**
 * Signing in with initials that already own records here under another name: says whose they
 * are and asks for that reader's full name as recorded, so that nobody takes another reader's
 * initials by accident. The core checks the name again.
 */
export function ClaimInitials({ owned, problem, onConfirm, onBack, onClose }: ClaimInitialsProps) {
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const confirm = () => {
    if (!sameReaderName(owned.name, typed)) return setMismatch(true);
    onConfirm(owned.name);
  };
  return (
    <Dialog
      title={`Sign in as ${owned.initials}?`}
      onClose={onClose}
      testId="reader-claim"
      footer={
        <>
          <button type="button" onClick={onBack} data-testid="reader-other-initials">
            Choose other initials
          </button>
          <button type="submit" form="reader-claim-form" className="primary" data-testid="reader-claim-save">
            Sign in as {owned.initials}
          </button>
        </>
      }
    >
      <form id="reader-claim-form" className="reader-form" onSubmit={(event) => (event.preventDefault(), confirm())}>
        <p data-testid="reader-claim-owner">
          The initials {owned.initials} already own {ownedRecordsText(owned)} on this workstation, recorded by <strong>{owned.name}</strong>.
        </p>
        <p className="muted small">
          Sign in as {owned.initials} only if you are that reader: type the full name as recorded. The audit trail records the system account and workstation of every change.
        </p>
        <label>
          Full name as recorded
          <input autoFocus value={typed} maxLength={200} onChange={(e) => (setTyped(e.target.value), setMismatch(false))} data-testid="reader-claim-name" />
        </label>
        {(mismatch || problem) && (
          <p className="form-problem" role="alert" data-testid="reader-claim-problem">
            {mismatch ? `That is not the name recorded for ${owned.initials}: if you are someone else, choose other initials.` : problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
