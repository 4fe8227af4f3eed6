import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import { call } from '../api/client';
import { useReportError } from './errors';
import { useIndexVersion } from './index-version';

const AppInfoContext = createContext<AppInfo | null>(null);

/** Loads app.info at start and after every change to the index. */
export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const { version } = useIndexVersion();
  const reportError = useReportError();
  useEffect(() => {
    let live = true;
    call('app.info', {}).then(
      (value) => {
        if (!live) return;
        setInfo(value);
        if (value.backupProblem) reportError(new Error(value.backupProblem));
      },
      (error: unknown) => live && reportError(error, 'Could not reach the app'),
    );
    return () => {
      live = false;
    };
  }, [version, reportError]);
  return <AppInfoContext.Provider value={info}>{children}</AppInfoContext.Provider>;
}

/** Facts about the running app, or null while they load. */
export function useAppInfo(): AppInfo | null {
  return useContext(AppInfoContext);
}
