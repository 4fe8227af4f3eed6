import { useEffect } from 'react';
import { ApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { useReportError } from '../../app/errors';

// Set while a mark is scheduled: StrictMode's unmount-and-remount in development cancels it.
let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Records the visit when the reader leaves the worklist (or closes the window on it), so that
 * "new" stays the same while they filter and means "since your last visit" next time.
 */
export function useMarkVisitedOnLeave(): void {
  const reportError = useReportError();
  useEffect(() => {
    clearTimeout(pending);
    const mark = () =>
      call('worklist.markVisited', {}).catch((error: unknown) => {
        // No reader named yet: there is nobody whose visit to remember.
        if (!(error instanceof ApiError && error.code === 'forbidden')) reportError(error, 'Remembering your visit to the worklist failed');
      });
    window.addEventListener('pagehide', mark);
    return () => {
      window.removeEventListener('pagehide', mark);
      pending = setTimeout(mark, 0);
    };
  }, [reportError]);
}
