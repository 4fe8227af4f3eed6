import { lesionAnnotationIds } from '@shared/lesion/cited-annotations';
import type { Lesion } from '@shared/lesion/lesion';
import { call } from '../../api/client';
import { useIndexVersion } from '../../app/index-version';
import { useLoaded } from '../../app/use-call';
import { formatDateTime } from '../../app/format';

/**
 * Under a lesion kept here: the versions of it, or of its drawings, that another workstation
 * published and that differ from the ones here. Both are kept; the one here stays in use, and
 * these are shown so the readers can settle it.
 */
export function ConflictNote({ lesion }: { lesion: Lesion }) {
  const { version } = useIndexVersion();
  const ids = [lesion.id, ...lesionAnnotationIds(lesion)];
  const conflicts = useLoaded(() => call('pacs.conflicts', { entityIds: ids }), [ids.join(','), version, lesion.updatedAt], 'Loading versions from other workstations failed');
  if (!conflicts.value || conflicts.value.length === 0) return null;
  return (
    <div className="conflict-note small" role="note" data-testid="lesion-conflicts">
      <strong>Another version was received; both are kept, this one stays in use.</strong>
      <ul>
        {conflicts.value.map((c) => (
          <li key={`${c.entityId}/${c.workstation}/${c.version}`} data-testid="lesion-conflict">
            {c.entity === 'lesion' ? 'This lesion' : 'A drawing of it'} as {c.reader}
            {c.readerName ? ` (${c.readerName})` : ''} recorded it on {c.workstation} (version {c.version}, received {formatDateTime(c.receivedAt)})
            {c.difference ? `: differs at ${c.difference}` : ''}
            {c.entity === 'lesion' && typeof c.record.note === 'string' && c.record.note ? `; its note: "${c.record.note}"` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
