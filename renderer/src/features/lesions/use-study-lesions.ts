import { useCallback, useEffect, useRef, useState } from 'react';
import type { StoredScoredLesion } from '@shared/lesion/scored-lesion';
import { call } from '../../api/client';
import { useReportError } from '../../app/errors';
import { useIndexVersion } from '../../app/index-version';

/**
 * A study's lesions (the reader's own, or every reader's), reloadable after a save. Only the
 * newest request's answer is shown: toggling "all readers" quickly must not let a slower, older
 * answer overwrite the list the reader asked for last.
 */
export function useStudyLesions(studyUid: string, allReaders: boolean): { lesions: StoredScoredLesion[] | null; reload(): Promise<void> } {
  const [lesions, setLesions] = useState<StoredScoredLesion[] | null>(null);
  const reportError = useReportError();
  const latestRequest = useRef(0);
  // The team's lesions arrive with a sync, which bumps the index version.
  const { version } = useIndexVersion();
  const reload = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const answer = await call('lesions.list', { studyInstanceUid: studyUid, allReaders });
      if (request === latestRequest.current) setLesions(answer);
    } catch (error) {
      if (request === latestRequest.current) reportError(error, 'Listing the lesions failed');
    }
  }, [studyUid, allReaders, reportError, version]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { lesions, reload };
}
