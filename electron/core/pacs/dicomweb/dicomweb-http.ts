import http from 'node:http';
import https from 'node:https';
import { AppError } from '@shared/errors';
import { authHeaders, hideCredential, type DicomWebTarget } from './dicomweb-target';
import { networkError } from './dicomweb-errors';
import { guardAgainstTrickle, MIN_BYTES_PER_SECOND } from './trickle-guard';
import { systemCertificateAuthorities } from './trust-store';

/** How long a PACS may stay silent (no byte sent) before a request is given up. */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/** One GET to a DICOMweb server: a path under its root, what to accept, and what to give up on. */
export interface DicomWebGet {
  /** The path under the DICOMweb root, with its query, e.g. `/studies?limit=1` (`/../changes` leaves the root on the same server). */
  path: string;
  accept: string;
  /** What the user was doing, for the error's first words ("Searching the PACS failed"). */
  action: string;
  idleTimeoutMs?: number;
  signal?: AbortSignal;
}

/** One request with a body (STOW-RS): the GET's fields, the method and what is sent. */
export interface DicomWebSend extends DicomWebGet {
  method: 'POST';
  contentType: string;
  body: Buffer;
}

/** An answer whose status line and headers have arrived; the body is read by the caller. */
export interface DicomWebAnswer {
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  body: http.IncomingMessage;
  /** Why this side stopped the request (idle time-out, cancel), once it did: the body then fails with a bare "aborted". */
  stopped(): AppError | null;
}

const agents = new Map<string, http.Agent>();

/**
 * One keep-alive agent per server and trust: https checks the certificate against the system's
 * store plus, for this URL only, the certificate the settings trust explicitly.
 */
function agentFor(target: DicomWebTarget, url: URL): http.Agent {
  const key = `${url.protocol}//${url.host}\u0000${target.trustedCertificate ?? ''}`;
  let agent = agents.get(key);
  if (!agent) {
    agent =
      url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 8, ca: [...systemCertificateAuthorities(), ...(target.trustedCertificate ? [target.trustedCertificate] : [])] })
        : new http.Agent({ keepAlive: true, maxSockets: 8 });
    agents.set(key, agent);
  }
  return agent;
}

/**
 * Sends one GET under the target's root and resolves when the headers arrive. The Authorization
 * header goes to this URL only (a redirect is refused, never followed); the whole request, body
 * included, fails when the server sends nothing for `idleTimeoutMs`, or when `signal` aborts.
 */
export function dicomWebGet(target: DicomWebTarget, request: DicomWebGet): Promise<DicomWebAnswer> {
  return dicomWebRequest(target, request);
}

/** Sends one request with a body (STOW-RS) under the target's root, as dicomWebGet sends a GET. */
export function dicomWebSend(target: DicomWebTarget, request: DicomWebSend): Promise<DicomWebAnswer> {
  return dicomWebRequest(target, request);
}

function dicomWebRequest(target: DicomWebTarget, request: DicomWebGet | DicomWebSend): Promise<DicomWebAnswer> {
  const parsed = new URL(`${target.url}${request.path}`);
  const url = parsed.href;
  const idleMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const send = 'method' in request ? request : null;
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted) return reject(cancelled(request.action));
    const client = parsed.protocol === 'https:' ? https : http;
    const headers = { ...authHeaders(target), Accept: request.accept, ...(send ? { 'Content-Type': send.contentType, 'Content-Length': String(send.body.length) } : {}) };
    // Every PACS request goes through this agent: the certificate trusted in settings holds for all of them.
    const req = client.request(parsed, { method: send?.method ?? 'GET', agent: agentFor(target, parsed), headers });
    let reason: AppError | null = null;
    // Destroyed without an error object: one passed down would reach a keep-alive socket that
    // may already be back in the agent's pool, where no listener hears it. The reason is kept here.
    const stop = (why: AppError) => {
      reason ??= why;
      req.destroy();
    };
    const onAbort = () => stop(cancelled(request.action));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const seconds = idleMs >= 1000 ? `${Math.round(idleMs / 1000)} s` : `${idleMs} ms`;
    req.setTimeout(idleMs, () => stop(new AppError('io_error', `${request.action}: ${url} sent nothing for ${seconds} and was given up. Check the PACS and the network, then try again: what arrived complete is kept.`)));
    // Every error is handled (a later destroy emits another); only the first decides the promise.
    req.on('error', (error) => {
      request.signal?.removeEventListener('abort', onAbort);
      reject(reason ?? (error instanceof AppError ? error : networkError(request.action, url, error)));
    });
    req.once('close', () => request.signal?.removeEventListener('abort', onAbort));
    req.once('response', (body) => {
      // A body stopped while nobody reads it (cancel, another part failed) must not throw unhandled;
      // whoever reads it gets the failure from the stream itself.
      body.on('error', () => undefined);
      // Once the answer is read whole, a later cancel has nothing to stop.
      body.once('end', () => request.signal?.removeEventListener('abort', onAbort));
      guardAgainstTrickle(body, idleMs, ({ bytes, windowMs }) => {
        const over = windowMs >= 1000 ? `${(windowMs / 1000).toFixed(1)} s` : `${windowMs} ms`;
        stop(new AppError('io_error', `${request.action}: ${url} sent only ${formatBytes(bytes)} in ${over}, under the ${MIN_BYTES_PER_SECOND / 1024} KiB a second a transfer that ends needs, and was given up. Check the PACS and the network, then try again: what arrived complete is kept.`));
      });
      const status = body.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304) {
        body.destroy();
        return reject(redirected(target, request.action, url, status, body.headers.location));
      }
      resolve({ url, status, headers: body.headers, body, stopped: () => reason });
    });
    req.end(send?.body);
  });
}

/**
 * A redirect, refused: following it would send the credential and the team's findings to a URL
 * the user never set (and Node's own clients drop the credential on the way, so it would fail
 * later as "asks for credentials" anyway).
 */
function redirected(target: DicomWebTarget, action: string, url: string, status: number, location: string | undefined): AppError {
  const to = location ? hideCredential(location, target).replace(/[^\x21-\x7e]/g, '').slice(0, 300) : 'no address';
  return new AppError(
    'io_error',
    `${action}: ${url} redirects (HTTP ${status}) to ${to}: not followed, so the PACS's credential and the team's findings go only to the URL set in PACS settings. If that is the PACS's address now, set it as the PACS URL.`,
  );
}

/** The error of a request the user cancelled. */
export function cancelled(action: string): AppError {
  return new AppError('cancelled', `${action}: cancelled.`);
}

/** The declared Content-Length of an answer, or null when it declares none. */
export function declaredLength(headers: http.IncomingHttpHeaders): number | null {
  const value = headers['content-length'];
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * Reads a whole answer body as text, refusing one that declares or grows past `maxBytes` (a
 * QIDO answer is small; a hostile or broken server must not fill the memory).
 */
export async function readTextBody(answer: DicomWebAnswer, maxBytes: number, action: string): Promise<string> {
  return (await readBody(answer, maxBytes, action)).toString('utf8');
}

/** Reads a whole answer body, refused as readTextBody refuses it. */
export async function readBody(answer: DicomWebAnswer, maxBytes: number, action: string): Promise<Buffer> {
  const declared = declaredLength(answer.headers);
  if (declared !== null && declared > maxBytes) {
    answer.body.destroy();
    throw tooLarge(action, answer.url, declared, maxBytes, 'declares');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        answer.body.destroy();
        throw tooLarge(action, answer.url, size, maxBytes, 'sent more than');
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw answer.stopped() ?? ((error as { code?: string }).code === 'ECONNRESET' ? truncated(action, answer.url, size, declared) : networkError(action, answer.url, error));
  }
  if (declared !== null && size < declared) throw truncated(action, answer.url, size, declared);
  return Buffer.concat(chunks);
}

/** Bytes in words, for errors. */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** An answer larger than it may be, in words. */
export function tooLarge(action: string, url: string, bytes: number, maxBytes: number, verb: 'declares' | 'sent more than'): AppError {
  const size = verb === 'declares' ? formatBytes(bytes) : formatBytes(maxBytes);
  return new AppError('io_error', `${action}: ${url} ${verb} ${size}, over the ${formatBytes(maxBytes)} this app accepts for it: refused, nothing of it was kept. The PACS may be misconfigured.`);
}

/** An answer that ended before it was whole, in words. */
export function truncated(action: string, url: string, got: number, declared: number | null): AppError {
  const of = declared === null ? '' : ` of the ${formatBytes(declared)} it declared`;
  return new AppError('io_error', `${action}: the answer of ${url} ended after ${formatBytes(got)}${of}, before it was complete. Try again; what arrived complete is kept.`);
}
