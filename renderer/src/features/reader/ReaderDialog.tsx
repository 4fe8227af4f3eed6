import { useState } from 'react';
import { ReaderRoleSchema, ReaderSchema, type Reader, type ReaderRole } from '@shared/reader/reader';
import { errorMessage } from '../../api/api-error';
import { Dialog } from '../../components/Dialog';
import { saveReader } from './reader-store';

const ROLE_HINTS: Record<ReaderRole, string> = {
  radiologist: 'opens on the studies',
  surgeon: 'opens on the worklist, lesions read-only',
  researcher: 'opens on the study browser, where studies are ticked for dataset export',
};

/**
 * Asks who is reading: initials, name and role. The role only picks the default view; it grants
 * nothing (a single-user desktop app has no accounts).
 */
export function ReaderDialog({ initial, onClose }: { initial: Reader | null; onClose(): void }) {
  const [initials, setInitials] = useState(initial?.initials ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [role, setRole] = useState<ReaderRole>(initial?.role ?? 'radiologist');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async () => {
    const parsed = ReaderSchema.safeParse({ initials, name, role });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      setProblem(`${issue.path.join('.') || 'reader'}: ${issue.message}`);
      return;
    }
    try {
      await saveReader(parsed.data);
      onClose();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
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
        <p className="muted small">Every lesion and annotation you record carries your initials. Nothing is saved until you name yourself.</p>
        <label>
          Initials
          <input autoFocus value={initials} maxLength={8} onChange={(e) => setInitials(e.target.value)} data-testid="reader-initials" />
        </label>
        <label>
          Name
          <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="reader-name" />
        </label>
        <label>
          Role (sets the first view; a surgeon reviews lesions and records none)
          <select value={role} onChange={(e) => setRole(e.target.value as ReaderRole)} data-testid="reader-role">
            {ReaderRoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {r} — {ROLE_HINTS[r]}
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
