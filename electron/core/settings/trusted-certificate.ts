import { X509Certificate } from 'node:crypto';
import { AppError } from '@shared/errors';
import type { TrustedCertificate } from '@shared/export/pacs-settings';

/** Parses a PEM certificate, or says why it cannot be trusted as given. */
export function parseCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (error) {
    throw new AppError('invalid_request', `The trusted certificate could not be read as an X.509 certificate in PEM (${(error as Error).message}): paste the server's certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.`);
  }
}

/** What the UI is told of a trusted certificate: subject, SHA-256 fingerprint, expiry; null if it no longer parses. */
export function describeCertificate(pem: string | null): TrustedCertificate | null {
  if (!pem) return null;
  try {
    const certificate = new X509Certificate(pem);
    return { subject: certificate.subject.replace(/\n/g, ', '), fingerprint256: certificate.fingerprint256, validTo: certificate.validTo };
  } catch {
    return null;
  }
}
