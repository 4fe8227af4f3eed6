import { useEffect } from 'react';
import { call } from '../api/client';
import { defaultViewHref, redirect } from './routes';
import { useLoaded } from './use-call';

/**
 * `#/` with no explicit choice: asks who is signed in and opens the view their role prefers
 * (a surgeon's worklist, otherwise the study browser). A preference, not an access rule.
 */
export function DefaultView() {
  const reader = useLoaded(() => call('reader.get', {}), [], 'Reading the signed-in reader failed');
  const settled = !reader.loading;
  const role = reader.value?.role ?? null;
  useEffect(() => {
    if (settled) redirect(defaultViewHref(role));
  }, [settled, role]);
  return <p className="muted viewer-starting">Opening…</p>;
}
