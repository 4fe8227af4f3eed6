import { z } from 'zod';

/** The URL, or null when it does not parse (the format check has already said so). */
function parsed(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** A DICOMweb root URL: http(s), no credentials, no query or fragment (they leak into logs or misroute). */
export const PacsUrlSchema = z
  .url({ protocol: /^https?$/, error: 'the DICOMweb root must be an http:// or https:// URL, e.g. http://localhost:8042/dicom-web' })
  .max(2048)
  .refine((u) => !parsed(u)?.username && !parsed(u)?.password, 'put no user name or password in the DICOMweb URL, where logs would keep them: give credentials on their own')
  .refine((u) => !parsed(u)?.search && !parsed(u)?.hash, 'the URL must name the DICOMweb root, without a query or fragment')
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * The value of an Authorization header: a scheme and its credentials on one line of printable
 * ASCII (e.g. "Bearer eyJ..." or "Basic dXNlcjpwYXNz"); a CR or LF could inject headers.
 */
export const AuthHeaderSchema = z
  .string()
  .max(8192)
  .regex(/^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]* +[\x21-\x7e][\x20-\x7e]*$/, 'an Authorization header is a scheme and its credentials on one line, e.g. "Bearer <token>"');

/** The longest PEM text a trusted certificate may be (one certificate is a few kilobytes). */
export const CERTIFICATE_PEM_MAX_CHARS = 65_536;

/** One X.509 certificate in PEM, as a self-signed PACS presents it: trusted explicitly, for its URL only. */
export const CertificatePemSchema = z
  .string()
  .max(CERTIFICATE_PEM_MAX_CHARS)
  .regex(/^\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/, 'a trusted certificate is one PEM block, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----');

/** Seconds between two syncs of the team's findings while the app runs: 5 s to 1 h, 30 s unless set. */
export const SyncIntervalSecondsSchema = z.number().int().min(5, 'sync at most every 5 s').max(3600, 'sync at least every hour');
export const DEFAULT_SYNC_INTERVAL_SECONDS = 30;

/**
 * The PACS as the settings dialog saves it: URL; an Authorization header and a trusted certificate,
 * each to set, keep (absent) or remove (null); and the sync interval (kept when absent).
 */
export const PacsSettingsInputSchema = z
  .object({
    url: PacsUrlSchema,
    authHeader: AuthHeaderSchema.nullable().optional(),
    trustedCertificate: CertificatePemSchema.nullable().optional(),
    syncIntervalSeconds: SyncIntervalSecondsSchema.optional(),
  })
  .strict();

/** A trusted certificate as the UI sees it: who it names, its SHA-256 fingerprint and when it expires. */
export const TrustedCertificateSchema = z.object({ subject: z.string(), fingerprint256: z.string(), validTo: z.string() });
export type TrustedCertificate = z.infer<typeof TrustedCertificateSchema>;

/** The configured PACS as the UI sees it: the header's scheme only, never its secret. */
export const PacsSettingsSchema = z.object({
  url: z.string(),
  /** The Authorization scheme ("Bearer", "Basic") when a header is set, else null. */
  authScheme: z.string().nullable(),
  /** The self-signed certificate trusted for this URL, or null (then the system's store decides). */
  trustedCertificate: TrustedCertificateSchema.nullable(),
  updatedAt: z.string(),
  /** Seconds between two syncs of the team's findings while the app runs. */
  syncIntervalSeconds: SyncIntervalSecondsSchema,
});
export type PacsSettings = z.infer<typeof PacsSettingsSchema>;

/** A connection test: the URL to try (the saved one when absent) and a header to try (the saved one when absent). */
export const PacsTestRequestSchema = z.object({ url: PacsUrlSchema.optional(), authHeader: AuthHeaderSchema.nullable().optional() }).strict();

/** What one real QIDO-RS request (GET {root}/studies?limit=1) answered. */
export const PacsTestResultSchema = z.object({
  url: z.string(),
  ok: z.boolean(),
  /** The HTTP status, or null when no server answered. */
  httpStatus: z.number().int().nullable(),
  message: z.string(),
  milliseconds: z.number().nonnegative(),
});
export type PacsTestResult = z.infer<typeof PacsTestResultSchema>;
