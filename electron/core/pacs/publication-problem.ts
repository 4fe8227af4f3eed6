import { AppError } from '@shared/errors';
import type { PublicationProblem, PublicationProblemKind } from '@shared/pacs/team-sync';

/** A publication that cannot go now, with why in the outbox's terms. */
export class PublicationError extends AppError {
  readonly problem: PublicationProblem;

  constructor(kind: PublicationProblemKind, message: string, httpStatus: number | null = null, options?: { cause?: unknown }) {
    super(kind === 'unreachable' || kind === 'certificate' ? 'io_error' : kind === 'study-missing' ? 'not_found' : 'conflict', message, options);
    this.problem = { kind, httpStatus, message };
  }
}

// Node's TLS error codes for a certificate the machine does not trust (node:tls, OpenSSL X509 errors).
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The error codes along an error's cause chain (fetch wraps the socket's error). */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
  }
  return codes;
}

/**
 * What a failed send means for the outbox: the certificate not trusted, the PACS unreachable (no
 * answer: refused connection, unknown host, time-out), or refused by the PACS with its HTTP status.
 * The DICOMweb layer words its errors for the user and keeps the socket's error as their cause;
 * an HTTP refusal names its status in those words ("HTTP 409"), which is where it is read back.
 */
export function classifySendFailure(error: unknown): PublicationProblem {
  if (error instanceof PublicationError) return error.problem;
  const message = error instanceof Error ? error.message : String(error);
  const codes = causeCodes(error);
  if (codes.some((code) => CERTIFICATE_CODES.has(code))) {
    return { kind: 'certificate', httpStatus: null, message: `The PACS's certificate is not trusted by this machine (${codes.find((c) => CERTIFICATE_CODES.has(c))}): install its CA certificate, or ask its administrator. ${message}` };
  }
  const status = /\bHTTP (\d{3})\b/.exec(message);
  if (status) return { kind: refusesContent(Number(status[1])) ? 'rejected' : 'refused', httpStatus: Number(status[1]), message };
  if (error instanceof AppError && error.code === 'io_error') return { kind: 'unreachable', httpStatus: null, message };
  return { kind: 'invalid', httpStatus: null, message };
}

/** Statuses by which a PACS refuses everyone alike, whatever is sent: credentials, a wrong URL, the method, a proxy. */
const REFUSES_EVERYONE = new Set([401, 403, 404, 405, 407]);
/** Statuses that say "not now" (time-out, too many requests): the same content may go later. */
const NOT_NOW = new Set([408, 429]);

/**
 * Whether an HTTP status refuses a publication for what it holds (400 malformed, 409 conflict, 413,
 * 415, 422...): sending the same content again would be refused again, so only Sync now retries it.
 */
export function refusesContent(status: number): boolean {
  return status >= 400 && status < 500 && !REFUSES_EVERYONE.has(status) && !NOT_NOW.has(status);
}

/**
 * Whether a failed publication is certainly not stored on the PACS, so that a later version of its
 * document may take its place: the PACS rejected its content, or it never left (the study missing
 * here). One that met the network (no answer, a time-out) may be stored, and goes first.
 */
export function certainlyNotStored(problem: PublicationProblem | null): boolean {
  return problem?.kind === 'rejected' || problem?.kind === 'study-missing';
}

/**
 * Whether a problem holds back every publication rather than this one: the PACS cannot be reached
 * or trusted, or refuses everyone alike (credentials, a wrong URL, a server failure).
 */
export function stopsEveryPublication(problem: PublicationProblem): boolean {
  if (problem.kind === 'unreachable' || problem.kind === 'certificate' || problem.kind === 'no-pacs') return true;
  const status = problem.httpStatus ?? 0;
  return problem.kind === 'refused' && (REFUSES_EVERYONE.has(status) || status >= 500);
}

/** The longest wait between two attempts: a retry due later than this from now was set by a clock since set back. */
export const MAX_RETRY_DELAY_MS = 60_000;

/** The wait before the next attempt after `attempts` failed ones: 1 s doubling to at most a minute. */
export function retryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_RETRY_DELAY_MS);
}
