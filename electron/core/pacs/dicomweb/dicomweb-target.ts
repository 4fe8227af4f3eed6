import { z } from 'zod';
import { AppError } from '@shared/errors';
import { AuthHeaderSchema, PacsUrlSchema } from '@shared/export/pacs-settings';

/**
 * A DICOMweb server as configured: the base URL of its DICOMweb root (e.g.
 * http://pacs.example:8042/dicom-web), optional basic-auth credentials, and a time limit.
 */
export const DicomWebTargetSchema = z
  .object({
    url: PacsUrlSchema,
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    /** A whole Authorization header value (e.g. "Bearer <token>"), as the PACS settings store it. */
    authorization: AuthHeaderSchema.optional(),
    /** A self-signed server certificate (PEM) trusted for this URL, beside the system's certificate store. */
    trustedCertificate: z.string().max(65_536).optional(),
    timeoutMs: z.number().int().positive().max(600_000).default(60_000),
  })
  .strict();
export type DicomWebTarget = z.output<typeof DicomWebTargetSchema>;

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Parses a target, refusing what would leak or misroute data: the URL rules of PacsUrlSchema (no
 * credentials inside it, no query or fragment), and credentials over plain HTTP off this machine.
 */
export function parseDicomWebTarget(candidate: unknown): DicomWebTarget {
  const parsed = DicomWebTargetSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('invalid_request', `The DICOMweb server is not usable as given (${issue?.path.join('.') || 'target'}): ${issue?.message}`);
  }
  const url = new URL(parsed.data.url);
  if (parsed.data.username && parsed.data.authorization) throw new AppError('invalid_request', 'Give either a user name and password or an Authorization header, not both.');
  if ((parsed.data.username || parsed.data.authorization) && url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new AppError('forbidden', `Refusing to send credentials in clear over http:// to ${url.hostname}: use an https:// URL for that server.`);
  }
  return parsed.data;
}

/** The request headers every DICOMweb call carries: the configured Authorization header, or basic auth. */
export function authHeaders(target: DicomWebTarget): Record<string, string> {
  if (target.authorization) return { Authorization: target.authorization };
  if (!target.username) return {};
  return { Authorization: `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`, 'utf8').toString('base64')}` };
}

/**
 * The strings that would give the target's credential away: the credentials of its Authorization
 * header, and for basic auth what they encode (user:password, the password alone).
 */
function credentialSecrets(target: DicomWebTarget): string[] {
  const header = authHeaders(target).Authorization;
  if (!header) return [];
  const [scheme = '', ...rest] = header.split(' ');
  const credentials = rest.join(' ').trim();
  const secrets = [credentials];
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    secrets.push(decoded, ...(colon >= 0 ? [decoded.slice(colon + 1)] : []));
  }
  if (target.password) secrets.push(target.password);
  // Longest first, so a credential is hidden whole before a part of it is looked for.
  return [...new Set(secrets.filter((s) => s.length > 0).flatMap(echoedForms))].sort((x, y) => y.length - x.length);
}

/**
 * The forms a server may repeat a secret in: as sent, without base64's padding, percent-encoded (a
 * login URL, a redirect's query; either case of hex digits) and with JSON's escaped slashes.
 */
function echoedForms(secret: string): string[] {
  const bare = secret.replace(/=+$/, '') || secret;
  return [secret, bare].flatMap((form) => {
    const encoded = encodeURIComponent(form);
    return [form, encoded, encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()), form.replaceAll('/', '\\/')];
  });
}

/**
 * Text a server sent (an error page, a refusal's body) with the target's credential replaced by
 * "[hidden]": gateways and proxies often repeat the request's headers, and that text reaches
 * errors, the outbox and logs.
 */
export function hideCredential(text: string, target: DicomWebTarget): string {
  let hidden = text;
  for (const secret of credentialSecrets(target)) hidden = hidden.split(secret).join('[hidden]');
  return hidden;
}
