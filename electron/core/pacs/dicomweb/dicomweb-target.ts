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
