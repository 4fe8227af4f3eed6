import { displayableText } from '@shared/dicom/displayable-text';
import { AppError } from '@shared/errors';
import { hideCredential, type DicomWebTarget } from './dicomweb-target';

/**
 * What an HTTP status from a DICOMweb server means for the user, and what to do about it; what the
 * server said comes with it, the target's credential hidden (a proxy may repeat it back).
 */
export function httpError(target: DicomWebTarget, action: string, url: string, status: number, detail: string): AppError {
  // Shown in a terminal and the app as text: none of the control characters (escape sequences) a page may hold.
  const text = displayableText(hideCredential(detail, target)).trim();
  const said = text ? ` The server said: ${text.slice(0, 300)}` : '';
  if (status === 401) {
    return new AppError('forbidden', `${action}: ${url} asks for credentials (HTTP 401). Set the PACS's Authorization header in PACS settings (or, for export stow, give --user and set BONEMET_DICOMWEB_PASSWORD).${said}`);
  }
  if (status === 403) return new AppError('forbidden', `${action}: ${url} refused these credentials or this client (HTTP 403).${said}`);
  if (status === 404) return new AppError('not_found', `${action}: ${url} was not found (HTTP 404). Check that the URL is the server's DICOMweb root (for Orthanc: http://host:8042/dicom-web).${said}`);
  if (status === 409) return new AppError('conflict', `${action}: the server stored none of the instances (HTTP 409).${said}`);
  if (status === 413) return new AppError('unsupported', `${action}: the server refused the upload as too large (HTTP 413). Send fewer instances at a time.${said}`);
  if (status === 415) return new AppError('unsupported', `${action}: the server does not accept this media type (HTTP 415): is it a DICOMweb STOW-RS endpoint?${said}`);
  if (status >= 500) return new AppError('io_error', `${action}: the server failed (HTTP ${status}). Try again later or ask its administrator.${said}`);
  return new AppError('io_error', `${action}: unexpected HTTP ${status} from ${url}.${said}`);
}

/** TLS failures (OpenSSL's codes, as Node reports them) that mean the server's certificate is not trusted here. */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/** A failure before any HTTP status (refused connection, unknown host, time-out, untrusted certificate), in words. */
export function networkError(action: string, url: string, error: unknown): AppError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  // fetch wraps the system error in `cause`; node:http reports it as the error itself.
  const code = cause?.code ?? (error as { code?: string }).code ?? (error as { name?: string }).name ?? '';
  if (UNTRUSTED_CERTIFICATE.has(code)) {
    return new AppError('forbidden', `${action}: the certificate of ${new URL(url).host} is not trusted by this system (${code}). If the PACS uses a self-signed certificate, add it as the trusted certificate in PACS settings.`, { cause: error });
  }
  if (code === 'CERT_HAS_EXPIRED') return new AppError('forbidden', `${action}: the certificate of ${new URL(url).host} has expired. Ask the PACS's administrator to renew it.`, { cause: error });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new AppError('forbidden', `${action}: the certificate of ${new URL(url).host} names another host. Use the host name the certificate was issued for.`, { cause: error });
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new AppError('io_error', `${action}: ${url} closed the connection before answering in full. Try again; what arrived complete is kept.`, { cause: error });
  if (code === 'ECONNREFUSED') return new AppError('io_error', `${action}: nothing answers at ${url} (connection refused). Is the server running, and are the host and port right?`, { cause: error });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AppError('io_error', `${action}: the host of ${url} is unknown. Check the URL.`, { cause: error });
  if (code === 'TimeoutError' || code === 'AbortError' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new AppError('io_error', `${action}: ${url} did not answer in time. Check the network, or raise the time limit.`, { cause: error });
  }
  return new AppError('io_error', `${action}: could not reach ${url}: ${cause?.message ?? (error as Error).message ?? String(error)}`, { cause: error });
}
