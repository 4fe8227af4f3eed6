import { useState } from 'react';
import { ownedRecordCount, ReaderSchema, sameReaderName, type Reader, type ReaderRecords } from '@shared/reader/reader';
import { ReaderRoleSchema, ROLE_LABELS, type ReaderRole } from '@shared/reader/roles';
import { call } from '../../api/client';
import { errorMessage } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { ClaimInitials } from './ClaimInitials';
import { saveReader } from './reader-store';

const DECIDES = 'opens on the worklist; records decisions, lesions read-only';
const ROLE_HINTS: Record<ReaderRole, string> = {
  radiologist: 'opens on the studies; records lesions',
  surgeon: DECIDES,
  neurosurgeon: DECIDES,
  'radiation-oncologist': DECIDES,
  'interventional-radiologist': DECIDES,
  researcher: 'opens on the study browser, where studies are ticked for dataset export',
};

/**
 * Asks who is reading: initials, name and role. The role picks the default view and whether one
 * records lesions or decisions; it is no login (a single-user desktop app has no accounts), so
 * initials that already own records here are taken only with the full name recorded for them,
 * and the audit trail keeps the system account that took them.
 */
export function ReaderDialog({ initial, onClose }: { initial: Reader | null; onClose(): void }) {
  const [initials, setInitials] = useState(initial?.initials ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<ReaderRole>(initial?.role ?? 'radiologist');
  const [problem, setProblem] = useState<string | null>(null);
  // Initials that own records under another name than the one typed: their owner is asked for.
  const [claimed, setClaimed] = useState<(ReaderRecords & { name: string }) | null>(null);

  const save = async (reader: Reader) => {
    try {
      await saveReader(reader);
      onClose();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  const submit = async () => {
    const parsed = ReaderSchema.safeParse({ initials, name, role });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(`${issue.path.join('.') || 'reader'}: ${issue.message}`);
      return;
    }
    try {
      const owned = await call('reader.records', { initials: parsed.data.initials });
      if (owned.name !== null && ownedRecordCount(owned) > 0 && !sameReaderName(owned.name, parsed.data.name)) {
        setProblem(null);
        return setClaimed({ ...owned, name: owned.name });
      }
    } catch (error) {
      return setProblem(errorMessage(error));
    }
    await save(parsed.data);
  };

  if (claimed) {
    return (
      <ClaimInitials
        owned={claimed}
        problem={problem}
        onConfirm={(recordedName) => void save({ initials: claimed.initials, name: recordedName, role })}
        onBack={() => {
          setClaimed(null);
          setProblem(null);
        }}
        onClose={onClose}
      />
    );
  }
  return (
    <Dialog
      title={initial ? 'Reader' : 'Who is reading?'}
      onClose={onClose}
      testId="reader-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} data-testid="reader-later">
            {initial ? 'Cancel' : 'Later'}
          </button>
          <button type="submit" form="reader-form" className="primary" data-testid="reader-save">
            Save
          </button>
        </>
      }
    >
      <form id="reader-form" className="reader-form" onSubmit={(event) => (event.preventDefault(), void submit())}>
        <p className="muted small">Every lesion, annotation and decision you record carries your initials. Nothing is saved until you name yourself.</p>
        <label>
          Initials
          <input autoFocus value={initials} maxLength={8} onChange={(e) => setInitials(e.target.value)} data-testid="reader-initials" />
        </label>
        <label>
          Name
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="reader-name" />
        </label>
        <label>
          Role (sets the first view; a reviewing specialist records decisions and no lesions)
          <select value={role} onChange={(e) => setRole(e.target.value as ReaderRole)} data-testid="reader-role">
            {ReaderRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]} — {ROLE_HINTS[r]}
              </option>
            ))}
          </select>
        </label>
        {problem && (
          <p className="form-problem" role="alert" data-testid="reader-problem">
            {problem}
          </p>
        )}
      </form>
    </Dialog>
  );
}
