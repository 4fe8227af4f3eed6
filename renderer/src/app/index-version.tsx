import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface IndexVersionApi {
  /** Grows each time the index changes (import finished, study removed). */
  version: number;
  bump(): void;
}

const IndexVersionContext = createContext<IndexVersionApi | null>(null);

/** Lets views that read the index refresh when another view changes it. */
export function IndexVersionProvider({ children }: { children: ReactNode }) {
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const value = useMemo(() => ({ version, bump }), [version, bump]);
  return <IndexVersionContext.Provider value={value}>{children}</IndexVersionContext.Provider>;
}

/** The index version and its bump function. */
export function useIndexVersion(): IndexVersionApi {
  const api = useContext(IndexVersionContext);
  if (!api) throw new Error('useIndexVersion outside IndexVersionProvider');
  return api;
}
