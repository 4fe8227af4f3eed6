import { hostFailureMessage } from '../../api/host-failure';

function hostMessage(response: unknown): string | null {
  if (!(response instanceof ArrayBuffer)) return null;
  try {
    return hostFailureMessage(JSON.parse(new TextDecoder().decode(response)));
  } catch {
    return null;
  }
}

/** dicom-parser's words for a file that ends inside an element, and what they mean to a reader. */
const TRUNCATED = /buffer overrun|attempt to read past end of buffer/i;

/**
 * A sentence for whatever an image load rejected with: Errors, dicom-parser's `{ exception }`
 * records and strings, the loader's `{ error, dataSet }` wrappers, and XHRs whose body is the
 * host's JSON error envelope.
 * @param error - the rejection reason
 */
export function describeImageError(error: unknown): string {
  const sentence = describe(error);
  return TRUNCATED.test(sentence) ? `The file ends before its data does (truncated or damaged): ${sentence}` : sentence;
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const record = error as { exception?: unknown; error?: unknown; response?: unknown; status?: number };
    if (record.exception !== undefined) return describe(record.exception);
    const fromHost = hostMessage(record.response);
    if (fromHost) return fromHost;
    if (record.error !== undefined && typeof record.status !== 'number') return describe(record.error);
  }
  return describeRecord(error);
}

/** What is left: an XHR record without the host's envelope, an object with a message, anything else. */
function describeRecord(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const record = error as { status?: number; statusText?: string; message?: string; error?: unknown };
    if (typeof record.message === 'string') return record.message;
    if (typeof record.status === 'number') return `HTTP ${record.status}${record.statusText ? ` ${record.statusText}` : ''} while loading the image`;
    if (record.error !== undefined) return describe(record.error);
  }
  return String(error);
}
