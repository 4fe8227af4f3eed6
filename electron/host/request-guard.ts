import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The name of the token cookie of the host on `port`. Cookies are kept per host name, not per
 * port: two hosts on 127.0.0.1 (two data folders, a test beside the app) with one cookie name
 * would overwrite each other's token and lock each other's pages out.
 */
export function tokenCookieName(port: number): string {
  return `bonemet_token_${port}`;
}

/** Why a request was refused, or null when it may proceed. */
export type Refusal = { status: 401 | 403 | 421; reason: string } | null;

/**
 * Checks what every request to the loopback host must carry: a Host header naming this
 * loopback port (against DNS rebinding), no subresource fetch by another site's page, an Origin
 * of this page when a browser sends one, and the per-launch token (query, cookie or bearer header).
 */
export function checkRequest(request: IncomingMessage, port: number, token: string, url: URL): Refusal {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(request.headers.host ?? '')) return { status: 421, reason: 'Host header is not this loopback server' };

  // Another port of this machine is the same site as this page, so its subresource requests carry
  // the Strict cookie (and share this page's HTTP cache). A browser says where each request comes
  // from: only this page's own requests and a navigation the user makes are heard.
  const site = request.headers['sec-fetch-site'];
  if ((site === 'same-site' || site === 'cross-site') && request.headers['sec-fetch-mode'] !== 'navigate') {
    return { status: 403, reason: "a request from another site's page is refused" };
  }

  const origin = request.headers.origin;
  const allowedOrigins = allowedHosts.map((h) => `http://${h}`);
  if (origin !== undefined && !allowedOrigins.includes(origin)) return { status: 403, reason: 'cross-origin request refused' };
  // Browsers send Origin on every POST; a POST without one must come from a non-browser client holding the bearer token.
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (request.method !== 'GET' && request.method !== 'HEAD' && origin === undefined && bearer === undefined) {
    return { status: 403, reason: 'a POST needs an Origin header or a bearer token' };
  }

  const presented = url.searchParams.get('token') ?? bearer ?? readCookie(request.headers.cookie, tokenCookieName(port));
  if (!presented || !sameSecret(presented, token)) return { status: 401, reason: 'missing or wrong token: open the URL that `serve` printed' };
  return null;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
