import { useEffect } from 'react';
import { useExternalStore } from './use-external-store';
import { loadReader, readerStore } from '../features/reader';
import { StudyBrowserPage } from '../features/study-browser';
import { defaultViewHref, parseRoute, redirect } from './routes';

/**
 * `#/` with no explicit choice: opens the view the signed-in reader's role prefers (a reviewing
 * specialist's worklist, otherwise the study browser). Before anyone is named the study browser shows under
 * the sign-in dialog, and the choice is made once they are. A preference, not an access rule.
 */
export function DefaultView() {
  const { loaded, reader } = useExternalStore(readerStore);
  useEffect(() => {
    // The header's reader chip reports a failure; without a reader the study browser is the view.
    loadReader().catch(() => redirectFromHome(defaultViewHref(null)));
  }, []);
  useEffect(() => {
    if (reader) redirectFromHome(defaultViewHref(reader.role));
  }, [reader]);
  if (loaded && !reader) return <StudyBrowserPage />;
  return <p className="muted viewer-starting">Opening…</p>;
}

/**
 * Replaces `#/` with the preferred view, unless the address has moved on meanwhile (a link or a
 * series opened while the reader was being loaded): the preference never takes the reader back.
 */
function redirectFromHome(href: string): void {
  if (parseRoute(window.location.hash).name === 'home') redirect(href);
}
