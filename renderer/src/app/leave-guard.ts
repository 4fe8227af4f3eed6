/**
 * Asks the page being left whether the app may go to `href` now: true lets it go; false holds the
 * navigation (the page asks its reader, and calls leaveTo(href) if they choose to leave after all).
 */
export type LeaveGuard = (href: string) => boolean;

let guard: LeaveGuard | null = null;
/** The address of the page that set the guard, put back when Back or Forward tried to leave it. */
let guardedHash = '';

/**
 * Lets a page hold the app's own navigation away from it (its links, the header's, Back and Forward)
 * while it has work that leaving would drop.
 * @param check - decides for each destination; see LeaveGuard
 * @returns removes the guard
 */
export function guardLeaving(check: LeaveGuard): () => void {
  guard = check;
  guardedHash = window.location.hash;
  return () => {
    if (guard === check) guard = null;
  };
}

/** Whether the app may go to `href` now (asking the page's guard, which may hold it and ask its reader). */
export function mayLeaveTo(href: string): boolean {
  return guard === null || href === window.location.hash || guard(href);
}

/** Goes to `href` without asking the page's guard: its reader chose to leave. */
export function leaveTo(href: string): void {
  guard = null;
  if (window.location.hash !== href) window.location.hash = href;
}

/**
 * Routes every in-app link click, and every hash change the app did not make (Back, Forward), past
 * the page's guard. Installed once, before the app renders, so that an address put back is what the
 * routes read.
 */
export function installLeaveGuard(): void {
  document.addEventListener(
    'click',
    (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
      const href = anchor?.getAttribute('href');
      if (href && !mayLeaveTo(href)) event.preventDefault();
    },
    true,
  );
  window.addEventListener('hashchange', () => {
    const href = window.location.hash;
    if (guard === null || href === guardedHash || guard(href)) return;
    // Held: the page stays where it was (in place of the entry Back or Forward moved to).
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${guardedHash}`);
  });
}

/**
 * Asks the browser's own "leave site?" prompt (or, in Electron, the main process's dialog) when the
 * tab or window is closed or reloaded while `hasUnsavedWork()` holds; nothing is asked otherwise.
 * @returns removes the guard
 */
export function guardUnloading(hasUnsavedWork: () => boolean): () => void {
  const ask = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedWork()) return;
    event.preventDefault();
    // Older Chromium (and Electron) ask only when returnValue is set.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', ask);
  return () => window.removeEventListener('beforeunload', ask);
}
