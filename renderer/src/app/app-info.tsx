import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { useReportError } from './errors';
import { useIndexVersion } from './index-version';

const AppInfoContext = createContext<AppInfo | null>(null);

/**
 * Loads app.info at start, after every change to the index, and whenever the window comes back
 * (focus, shown): a backup that failed while the reader was elsewhere is told then, once.
 */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [returns, setReturns] = useState(0);
  const { version } = useIndexVersion();
  const reportError = useReportError();
  const toldProblem = useRef<string | null>(null);
  useEffect(() => {
    const cameBack = () => {
      if (document.visibilityState === 'visible') setReturns((n) => n + 1);
    };
    window.addEventListener('focus', cameBack);
    document.addEventListener('visibilitychange', cameBack);
    return () => {
      window.removeEventListener('focus', cameBack);
      document.removeEventListener('visibilitychange', cameBack);
    };
  }, []);
  useEffect(() => {
    let live = true;
    call('app.info', {}).then(
      (value) => {
        if (!live) return;
        setInfo(value);
        if (value.backupProblem && value.backupProblem !== toldProblem.current) reportError(new Error(value.backupProblem));
        toldProblem.current = value.backupProblem;
      },
      (error: unknown) => live && reportError(error, 'Could not reach the app'),
    );
    return () => {
      live = false;
    };
  }, [version, returns, reportError]);
  return <AppInfoContext.Provider value={info}>{children}</AppInfoContext.Provider>;
}

/** Facts about the running app, or null while they load. */
export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext);
}
