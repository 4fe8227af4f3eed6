import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request was refused, or null when it may proceed. */
export type Refusal = { status: 401 | 403 | 421; reason: string } | null;

/**
 * Checks where a request to the loopback host comes from: a Host header naming this loopback
 * port (against DNS rebinding), no subresource fetch by another site's page, no page load
 * another site's page sent the browser to without the token in the address, and an Origin of
 * this page when a browser sends one. Every request must pass, the app's own files included.
 */
export function checkSource(request: IncomingMessage, port: number, url: URL): Refusal {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) return { status: 421, reason: 'Host header is not this loopback server' };

  // Another port of this machine is the same site as this page and shares its HTTP cache. A
  // browser says where each request comes from: only this page's own requests and a navigation
  // the user makes are heard.
  const site = request.headers['sec-fetch-site'];
  if (site === 'same-site' || site === 'cross-site') {
    if (request.headers['sec-fetch-mode'] !== 'navigate') return { status: 403, reason: "a request from another site's page is refused" };
    // The page signs in with the token it kept: a link or redirect on any site must not open it
    // at a deep link of its choosing. The printed URL (the launch page is a file://) still does.
    if (!url.searchParams.has('token')) return { status: 403, reason: "the app opens only from your own navigation, not from another site's page: open the URL that `serve` printed" };
  }

  const origin = request.headers.origin;
  const allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  if (origin !== undefined && !allowedOrigins.includes(origin)) return { status: 403, reason: 'cross-origin request refused' };
  return null;
}

/**
 * Checks the per-launch token a request for data (a call, an instance, a dropped file) must
 * present as `Authorization: Bearer <token>`. Never a cookie: a browser sends a cookie of
 * 127.0.0.1 to every port of 127.0.0.1, so any program listening on one would be handed it.
 */
export function checkToken(request: IncomingMessage, token: string): Refusal {
  const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  return presented && sameSecret(presented, token) ? null : WRONG_TOKEN;
}

/**
 * Checks a token given in the address (the URL `serve` printed): absent is fine, the page then
 * uses the one it kept; a wrong one is refused at once rather than as every call fails.
 */
export function checkAddressToken(url: URL, token: string): Refusal {
  const presented = url.searchParams.get('token');
  return presented === null || sameSecret(presented, token) ? null : WRONG_TOKEN;
}

const WRONG_TOKEN = { status: 401, reason: 'missing or wrong token: open the URL that `serve` printed' } as const;

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
