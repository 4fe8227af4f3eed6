import { useState } from 'react';
import type { StudySummary } from '@shared/dicom/study';
import { call } from '../../api/client';
import { useNotices } from '../../app/errors';
import { useIndexVersion } from '../../app/index-version';
import { navigate, studiesHref } from '../../app/routes';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatPatientName } from '@shared/dicom/person-name';
import { plural } from '../../app/format';

/** "Remove from index", after a confirmation: the study leaves the index, its files stay on disk. */
export function RemoveStudyButton({ study }: { study: StudySummary }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const { reportError, inform } = useNotices();
  const { bump } = useIndexVersion();
  const remove = async () => {
    setBusy(true);
    try {
      const { removedInstances } = await call('studies.remove', { studyInstanceUid: study.studyInstanceUid });
      inform(`Removed ${plural(removedInstances, 'instance')} of ${formatPatientName(study.patientName)} from the index. The files on disk are untouched.`);
      setAsking(false);
      // Leave the removed study's page first, so that the refresh does not try to reload it.
      window.addEventListener('hashchange', bump, { once: true });
      navigate(studiesHref);
    } catch (error) {
      reportError(error, 'Removing the study failed');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="danger-outline" onClick={() => setAsking(true)} data-testid="remove-study">
        Remove from index
      </button>
      {asking && (
        <ConfirmDialog title="Remove this study from the index?" confirmLabel="Remove from index" busy={busy} onConfirm={remove} onCancel={() => setAsking(false)}>
          <p>
            {formatPatientName(study.patientName)} ({study.patientId || 'no ID'}), {study.description || 'study'} of {study.studyDate ?? 'unknown date'}:{' '}
            {plural(study.seriesCount, 'series', 'series')}, {plural(study.instanceCount, 'instance')}.
          </p>
          <p>The files on disk are not touched; importing the folder again brings the study back.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
