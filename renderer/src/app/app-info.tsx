import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '@shared/ipc/contract';
import { call } from '../api/client';
import { useReportError } from './errors';
import { useIndexVersion } from './index-version';
import { useLiveRefresh } from './use-live-refresh';

const AppInfoContext = createContext<AppInfo | null>(null);

/** The core checks whether a backup is due hourly; asking more often would learn nothing new. */
const RECHECK_MS = 60 * 60 * 1000;

/**
 * Loads app.info at start, after every change to the index, when the window comes back and
 * hourly: a backup that failed while the reader was elsewhere is told then, once, and so is an
 * audit log found not to chain at start.
 */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const { version } = useIndexVersion();
  const live = useLiveRefresh(RECHECK_MS);
  const reportError = useReportError();
  const toldProblems = useRef<(string | null)[]>([null, null]);
  useEffect(() => {
    let current = true;
    live.track(call('app.info', {})).then(
      (value) => {
        if (!current) return;
        setInfo(value);
        // A failed backup and an audit log that does not chain are told once each, until they change.
        const problems = [value.backupProblem, value.auditProblem];
        problems.forEach((problem, i) => problem && problem !== toldProblems.current[i] && reportError(new Error(problem)));
        toldProblems.current = problems;
      },
      (error: unknown) => current && reportError(error, 'Could not reach the app'),
    );
    return () => {
      current = false;
    };
  }, [version, live.tick, live.track, reportError]);
  return <AppInfoContext.Provider value={info}>{children}</AppInfoContext.Provider>;
}

/** Facts about the running app, or null while they load. */
export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext);
}
