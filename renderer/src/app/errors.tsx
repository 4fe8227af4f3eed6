import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error';

/** One message shown to the user until dismissed. */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

interface NoticeApi {
  notices: Notice[];
  reportError(error: unknown, context?: string): void;
  inform(text: string): void;
  dismiss(id: number): void;
}

const NoticeContext = createContext<NoticeApi | null>(null);
let nextId = 1;

/** Holds the visible, dismissable messages of the app (errors and confirmations). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const push = useCallback((kind: Notice['kind'], text: string) => {
    setNotices((current) => [...current.filter((n) => n.text !== text), { id: nextId++, kind, text }].slice(-5));
  }, []);
  const reportError = useCallback(
    (error: unknown, context?: string) => {
      console.error(context ?? 'error', error);
      push('error', context ? `${context}: ${errorMessage(error)}` : errorMessage(error));
    },
    [push],
  );
  const inform = useCallback((text: string) => push('info', text), [push]);
  const dismiss = useCallback((id: number) => setNotices((current) => current.filter((n) => n.id !== id)), []);
  const value = useMemo(() => ({ notices, reportError, inform, dismiss }), [notices, reportError, inform, dismiss]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

/** The app's notices and the functions that add and dismiss them. */
export function useNotices(): NoticeApi {
  const api = useContext(NoticeContext);
  if (!api) throw new Error('useNotices outside NoticeProvider');
  return api;
}

/** Shorthand for the error reporter, for components that only report. */
export function useReportError(): NoticeApi['reportError'] {
  return useNotices().reportError;
}
