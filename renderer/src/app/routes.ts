import { useEffect, useState } from 'react';

/** The views reachable by URL hash. */
export type Route =
  | { name: 'studies' }
  | { name: 'study'; studyUid: string }
  | { name: 'unknown'; hash: string };

const UID = '[0-9]+(?:\\.[0-9]+)*';
const STUDY = new RegExp(`^#/study/(${UID})/?$`);

/** Reads a location hash as a route. */
export function parseRoute(hash: string): Route {
  if (hash === '' || hash === '#' || hash === '#/') return { name: 'studies' };
  const study = STUDY.exec(hash);
  if (study) return { name: 'study', studyUid: study[1]! };
  return { name: 'unknown', hash };
}

/** The hash of the study browser. */
export const studiesHref = '#/';

/** The hash of a study's series page. */
export function studyHref(studyUid: string): string {
  return `#/study/${studyUid}`;
}

/** Navigates to a hash route. */
export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
