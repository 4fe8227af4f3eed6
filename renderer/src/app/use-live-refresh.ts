import { useCallback, useEffect, useRef, useState } from 'react';

/** What a page needs to keep a loaded list current. */
export interface LiveRefresh {
  /** Grows at each refresh: a dependency of the loaders. */
  tick: number;
  /** Loads again now, unless a load is already asked for or running. */
  refresh(): void;
  /** Wraps a load so that refreshes wait for it to settle. */
  track<T>(load: Promise<T>): Promise<T>;
}

/**
 * Refreshes when the window regains focus or becomes visible, and every `everyMs` while it is
 * visible: what changed elsewhere (another window, the CLI, a backup) shows without a reload. A refresh
 * never overlaps a running load; stale answers are dropped by the loader (useLoaded).
 */
export function useLiveRefresh(everyMs: number): LiveRefresh {
  const [tick, setTick] = useState(0);
  // Asked for but not started yet, and started but not settled: either one holds the next refresh back.
  const asked = useRef(false);
  const running = useRef(0);
  const refresh = useCallback(() => {
    if (asked.current || running.current > 0) return;
    asked.current = true;
    setTick((t) => t + 1);
  }, []);
  const track = useCallback(<T,>(load: Promise<T>) => {
    asked.current = false;
    running.current++;
    return load.finally(() => running.current--);
  }, []);
  useEffect(() => {
    const whenVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', whenVisible);
    const timer = setInterval(whenVisible, everyMs);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', whenVisible);
      clearInterval(timer);
    };
  }, [refresh, everyMs]);
  return { tick, refresh, track };
}
