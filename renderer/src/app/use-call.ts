import { useEffect, useState } from 'react';
import { useReportError } from './errors';

/** The state of one loaded value. */
export interface Loaded<T> {
  value: T | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * Runs a loader when its dependencies change, keeps the last value, drops stale answers and
 * reports failures as visible messages.
 * @param load - the call to make, or null to make none
 * @param deps - when to load again
 * @param context - words put before an error message
 */
export function useLoaded<T>(load: (() => Promise<T>) | null, deps: readonly unknown[], context: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: undefined, loading: load !== null, error: null });
  const reportError = useReportError();
  useEffect(() => {
    if (!load) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (value) => live && setState({ value, loading: false, error: null }),
      (error: unknown) => {
        if (!live) return;
        setState((s) => ({ ...s, loading: false, error }));
        reportError(error, context);
      },
    );
    return () => {
      live = false;
    };
  }, deps); // the caller names the dependencies
  return state;
}
