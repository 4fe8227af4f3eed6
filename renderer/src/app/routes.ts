import { useEffect, useState } from 'react';

/** The views reachable by URL hash. */
export type Route =
  | { name: 'studies' }
  | { name: 'study'; studyUid: string }
  | { name: 'viewer'; studyUid: string; seriesUid: string; slice: number | null }
  | { name: 'unknown'; hash: string };

const UID = '[0-9]+(?:\\.[0-9]+)*';
const STUDY = new RegExp(`^#/study/(${UID})/?$`);
const VIEWER = new RegExp(`^#/study/(${UID})/series/(${UID})/?(?:\\?(.*))?$`);

/** Reads a location hash as a route. */
export function parseRoute(hash: string): Route {
  if (hash === '' || hash === '#' || hash === '#/') return { name: 'studies' };
  const study = STUDY.exec(hash);
  if (study) return { name: 'study', studyUid: study[1]! };
  const viewer = VIEWER.exec(hash);
  if (viewer) {
    // ?slice=N is 1-based in the series' spatial order; anything else is ignored.
    const slice = Number(new URLSearchParams(viewer[3] ?? '').get('slice'));
    return { name: 'viewer', studyUid: viewer[1]!, seriesUid: viewer[2]!, slice: Number.isInteger(slice) && slice > 0 ? slice : null };
  }
  return { name: 'unknown', hash };
}

/** The hash of the study browser. */
export const studiesHref = '#/';

/** The hash of a study's series page. */
export function studyHref(studyUid: string): string {
  return `#/study/${studyUid}`;
}

/** The hash of the viewer on one series, optionally at a 1-based slice of its spatial order. */
export function viewerHref(studyUid: string, seriesUid: string, slice?: number): string {
  return `#/study/${studyUid}/series/${seriesUid}${slice ? `?slice=${slice}` : ''}`;
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
