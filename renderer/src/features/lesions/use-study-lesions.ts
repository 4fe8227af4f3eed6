import { useCallback, useEffect, useState } from 'react';
import type { ScoredLesion } from '../../../../shared/lesion/scored-lesion';
import { call } from '../../api/client';
import { useReportError } from '../../app/errors';

/** A study's lesions (the reader's own, or every reader's), reloadable after a save. */
export function useStudyLesions(studyUid: string, allReaders: boolean): { lesions: ScoredLesion[] | null; reload(): Promise<void> } {
  const [lesions, setLesions] = useState<ScoredLesion[] | null>(null);
  const reportError = useReportError();
  const reload = useCallback(
    () =>
      call('lesions.list', { studyInstanceUid: studyUid, allReaders }).then(setLesions, (error: unknown) => reportError(error, 'Listing the lesions failed')),
    [studyUid, allReaders, reportError],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { lesions, reload };
}
