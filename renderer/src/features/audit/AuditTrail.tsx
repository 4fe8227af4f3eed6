import { useState } from 'react';
import type { AuditEntry } from '@shared/audit/audit-entry';
import { call } from '../../api/client';
import { useLoaded } from '../../app/use-call';
import { formatDateTime } from '../../app/format';
import './audit.css';

const WHAT: Record<AuditEntry['entity'], string> = { lesion: 'Lesion', annotation: 'Annotation', review: 'Decision', reader: 'Sign-in' };
const DONE: Record<AuditEntry['action'], string> = { create: 'recorded', update: 'changed', delete: 'deleted' };

/**
 * The audit trail of one record (a lesion: its changes and the decisions on it), oldest first:
 * when, what, under which reader's initials, and from which operating-system account on which
 * workstation, so that initials taken by someone else show. Loaded when opened.
 * @param version - changes when the record may have new rows (its updatedAt, a decision recorded)
 */
export function AuditTrail({ entityId, version }: { entityId: string; version: string }) {
  const [open, setOpen] = useState(false);
  const trail = useLoaded(open ? () => call('audit.trail', { entityId }) : null, [entityId, version, open], 'Loading the audit trail failed');
  return (
    <details className="audit-trail" open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="audit-trail">
      <summary>Change history</summary>
      {open && trail.value && (
        <ol className="audit-rows">
          {trail.value.map((entry, i) => (
            <li key={i} data-testid="audit-row" data-entity={entry.entity} data-action={entry.action}>
              <span className="muted">{formatDateTime(entry.at)}</span> <strong>{`${WHAT[entry.entity]} ${DONE[entry.action]}`}</strong> by{' '}
              <span data-testid="audit-reader">{entry.reader}</span>{' '}
              <span className="muted small" data-testid="audit-origin" title="Operating-system account @ workstation the change was made from">
                {entry.osAccount === null && entry.workstation === null ? '(system account not recorded)' : `(${entry.osAccount ?? '?'} @ ${entry.workstation ?? '?'})`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
