import { useMemo, useSyncExternalStore } from 'react';
import { isReviewingRole, type ReaderRole } from '@shared/reader/roles';
import { mayLeaveTo } from './leave-guard';

/** The views reachable by URL hash. */
export type Route =
  | { name: 'home' }
  | { name: 'studies' }
  | { name: 'worklist' }
  | { name: 'lesion'; lesionId: string }
  | { name: 'study'; studyUid: string }
  | { name: 'viewer'; studyUid: string; seriesUid: string; slice: number | null }
  | { name: 'unknown'; hash: string };

const UID = '[0-9]+(?:\\.[0-9]+)*';
const STUDY = new RegExp(`^#/study/(${UID})/?$`);
const VIEWER = new RegExp(`^#/study/(${UID})/series/(${UID})/?(?:\\?(.*))?$`);
// Any id-like segment: the lesion page itself says when it names no lesion.
const LESION = /^#\/lesion\/([^/?#]+)\/?$/;

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a malformed %-escape names nothing
  }
}

/** Reads a location hash as a route. */
export function parseRoute(hash: string): Route {
  // No explicit choice: the reader's role picks the view (see defaultViewHref).
  if (hash === '' || hash === '#' || hash === '#/') return { name: 'home' };
  if (hash === '#/studies' || hash === '#/studies/') return { name: 'studies' };
  if (hash === '#/worklist' || hash === '#/worklist/') return { name: 'worklist' };
  const lesion = LESION.exec(hash);
  if (lesion) {
    const lesionId = decodeSegment(lesion[1]!);
    if (lesionId !== null) return { name: 'lesion', lesionId };
  }
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

/** The hash that opens the view the reader's role prefers. */
export const homeHref = '#/';

/** The hash of the study browser, chosen explicitly. */
export const studiesHref = '#/studies';

/** The hash of the reviewing specialists' worklist. */
export const worklistHref = '#/worklist';

/**
 * Where `#/` leads: the worklist for a reviewing specialist (surgeon, neurosurgeon, radiation
 * oncologist, interventional radiologist), the study browser for anyone else (and before anyone
 * is named).
 * @param role - the signed-in reader's role, or null when no reader is named
 */
export function defaultViewHref(role: ReaderRole | null): string {
  return role !== null && isReviewingRole(role) ? worklistHref : studiesHref;
}

/** The deep link to one lesion: what referral exports carry. */
export function lesionHref(lesionId: string): string {
  return `#/lesion/${encodeURIComponent(lesionId)}`;
}

/** The hash of a study's series page. */
export function studyHref(studyUid: string): string {
  return `#/study/${studyUid}`;
}

/** The hash of the viewer on one series, optionally at a 1-based slice of its spatial order. */
export function viewerHref(studyUid: string, seriesUid: string, slice?: number): string {
  return `#/study/${studyUid}/series/${seriesUid}${slice ? `?slice=${slice}` : ''}`;
}

/** Replaces the current hash route without a history entry (a redirect, not a step back). */
export function redirect(href: string): void {
  if (window.location.hash !== href) window.location.replace(href);
}

/** Navigates to a hash route, unless the page being left holds it (see leave-guard). */
export function navigate(href: string): void {
  if (window.location.hash !== href && mayLeaveTo(href)) window.location.hash = href;
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/**
 * The current route, following hash changes. Read through useSyncExternalStore, which reads the
 * address again once subscribed: a change between the first render and the subscription (a link
 * opened as the page starts) was missed, and the first view then replaced it.
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToHash, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
