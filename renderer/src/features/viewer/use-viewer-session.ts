import { useEffect, useState } from 'react';
import { installAutomation } from '../../services/viewer/automation';
import { forgetSeriesStacks } from '../../services/viewer/series-stack';
import { ViewerSession } from '../../services/viewer/viewer-session';

/** The page's viewer session, or the reason it could not start. */
export type SessionResult = { session: ViewerSession | null; error: unknown };

/**
 * Starts a viewer session for the page's lifetime and destroys it on unmount (React 19
 * StrictMode mounts twice: a session that arrives after its cleanup is destroyed at once).
 */
export function useViewerSession(): SessionResult {
  const [result, setResult] = useState<SessionResult>({ session: null, error: null });
  useEffect(() => {
    let live = true;
    let created: ViewerSession | null = null;
    let uninstall = () => undefined as void;
    ViewerSession.create().then(
      (session) => {
        if (!live) return session.destroy();
        created = session;
        uninstall = installAutomation(session);
        setResult({ session, error: null });
      },
      (error: unknown) => live && setResult({ session: null, error }),
    );
    return () => {
      live = false;
      uninstall();
      created?.destroy();
      // The next opening of the viewer reads the series lists afresh (an import may add slices);
      // forgotten on leaving, not on arriving, so that a deep link's list loaded early is kept.
      forgetSeriesStacks();
    };
  }, []);
  return result;
}
