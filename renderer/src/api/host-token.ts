import { desktopApi } from './desktop-api';

/** Where this page keeps the browser-mode host's launch token: this origin's (this port's) own storage. */
const STORAGE_KEY = 'bonemet.launchToken';

/** The token when storage refused it. */
let launchToken: string | null = null;

/**
 * Takes the launch token `serve` put in the address into this origin's storage and out of the
 * address bar. Storage is kept per origin, port included, unlike a cookie of 127.0.0.1, which a
 * browser sends to every port of it: to any program listening there.
 */
export function keepLaunchToken(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  try {
    window.localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage refused (a private window's quota): the page still runs on the address's token.
    launchToken = token;
  }
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

/** The headers that present the launch token to the browser-mode host; none inside Electron. */
export function hostAuthorization(): Record<string, string> {
  if (desktopApi()) return {};
  let token = launchToken;
  try {
    token = window.localStorage.getItem(STORAGE_KEY) ?? token;
  } catch {
    // Storage unreadable: the token kept in memory, if any.
  }
  return token ? { authorization: `Bearer ${token}` } : {};
}
