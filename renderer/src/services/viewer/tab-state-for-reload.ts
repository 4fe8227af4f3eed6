import type { z } from 'zod';

/** One piece of a tab's state kept for its reload (per tab: another window's reading never moves this one). */
export interface TabStateForReload<T> {
  /** Keeps the value for a reload of this tab (a refusal of storage only loses the resume). */
  keep(value: T): void;
  /** What was kept as this document's tab was reloaded: the same answer until forget(); null after any other opening, or when none valid was kept. */
  kept(): T | null;
  /** Later readers of this document start afresh. */
  forget(): void;
}

/** Whether this document was opened by a reload of its tab (F5, Ctrl+R, View > Reload). */
function reloaded(): boolean {
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return navigation?.type === 'reload';
}

/**
 * A piece of state kept in sessionStorage under `key` for a reload of the tab, checked with `schema`
 * when read: read once per document and removed from storage then, so that only the reload it was
 * kept for (not a link followed, nor the tab reopened) finds it.
 */
export function tabStateForReload<T>(key: string, schema: z.ZodType<T>): TabStateForReload<T> {
  let read: T | null | undefined;
  return {
    keep(value) {
      try {
        window.sessionStorage.setItem(key, JSON.stringify(value));
      } catch {
        // Storage refused (private mode, quota): the reload opens as the link says.
      }
    },
    kept() {
      if (read !== undefined) return read;
      read = null;
      try {
        const raw = window.sessionStorage.getItem(key);
        window.sessionStorage.removeItem(key);
        const parsed = raw && reloaded() ? schema.safeParse(JSON.parse(raw)) : null;
        if (parsed?.success) read = parsed.data;
      } catch {
        // Storage refused or a value that is not JSON: the page opens as its link says.
      }
      return read;
    },
    forget() {
      read = null;
    },
  };
}
