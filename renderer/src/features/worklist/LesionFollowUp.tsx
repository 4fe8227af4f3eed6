import { useState } from 'react';
import type { Lesion } from '@shared/lesion/lesion';
import { AuditTrail } from '../audit';
import { ConflictNote } from '../lesions';
import { ReviewPanel } from './ReviewPanel';

/**
 * Under the selected lesion in every viewer: versions of it received from other workstations that
 * differ from it, the specialists' decisions, so the radiologist sees them too, and the lesion's audit trail, reloaded when the lesion is saved or a decision recorded.
 * @param revision - the revision the open form read the lesion at: a decision is made on the lesion as shown
 */
export function LesionFollowUp({ lesion, revision }: { lesion: Lesion; revision: number }) {
  const [decisions, setDecisions] = useState(0);
  return (
    <>
      <ConflictNote lesion={lesion} />
      <ReviewPanel lesionId={lesion.id} lesionRevision={revision} onRecorded={() => setDecisions((n) => n + 1)} />
      <AuditTrail entityId={lesion.id} version={`${lesion.updatedAt}#${decisions}`} />
    </>
  );
}
