import { getMultipartBoundary, MaxFileSizeExceededError, MaxHeaderSizeExceededError, MultipartParser } from '@remix-run/multipart-parser';
import { AppError } from '@shared/errors';
import { arrivedFile } from '../arrived-file';
import type { ArrivedFile } from '../pacs-transport';
import type { DicomWebTarget } from './dicomweb-target';
import { httpError, networkError } from './dicomweb-errors';
import { declaredLength, dicomWebGet, formatBytes, readTextBody, tooLarge, truncated } from './dicomweb-http';

/** The largest DICOM object taken from a PACS: one part is held in memory (as it arrived) while it is checked and written. */
export const MAX_PART_BYTES = 512 * 2 ** 20;

/** What we ask for: Part 10 files in their stored transfer syntax, so that the server transcodes nothing. */
export const WADO_ACCEPT = 'multipart/related; type="application/dicom"; transfer-syntax=*';

/** How a retrieve is bounded: silence, cancel, and the size of one part. */
export interface WadoOptions {
  idleTimeoutMs?: number;
  signal?: AbortSignal;
  maxPartBytes?: number;
}

/** True when bytes are a DICOM Part 10 file: "DICM" after the 128-byte preamble. */
export function isPart10(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** The start of some bytes as printable text, to say what a server sent instead of DICOM. */
function glimpse(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, 40)).toString('latin1').replace(/[^\x20-\x7e]+/g, ' ').trim();
  return text ? `it starts "${text}"` : 'it holds no text either';
}

/**
 * A WADO-RS retrieve (PS3.18 10.4) of `resource` (a study, series or instance under the root):
 * yields each DICOM Part 10 file as its part arrives, never the whole answer at once, in the
 * pieces the network brought it (copying 150 MB of parts into one buffer each cost as much CPU
 * as parsing the multipart). Refused with
 * an AppError, and nothing more yielded: an HTTP error, an answer that is not multipart/related,
 * a declared length over what `expectedParts` parts may hold, a part over the part limit or that
 * is not Part 10, a body that ends before its closing boundary, and silence past the idle timeout.
 */
export async function* wadoRetrieve(target: DicomWebTarget, resource: string, expectedParts: number, options: WadoOptions = {}): AsyncGenerator<ArrivedFile> {
  const action = 'Retrieving from the PACS failed';
  const maxPart = options.maxPartBytes ?? MAX_PART_BYTES;
  const answer = await dicomWebGet(target, { path: resource, accept: WADO_ACCEPT, action, idleTimeoutMs: options.idleTimeoutMs, signal: options.signal });
  const { url } = answer;
  if (answer.status !== 200 && answer.status !== 206) {
    const detail = await readTextBody(answer, 64 * 1024, action).catch(() => '');
    throw httpError(target, action, url, answer.status, detail);
  }
  const contentType = answer.headers['content-type'] ?? '';
  const boundary = /^multipart\/related\b/i.test(contentType) ? getMultipartBoundary(contentType) : null;
  if (!boundary) {
    answer.body.destroy();
    throw new AppError('io_error', `${action}: ${url} answered "${contentType || 'no content type'}" instead of DICOM files (multipart/related; type="application/dicom"). Is ${target.url} a DICOMweb root, and does it support WADO-RS?`);
  }
  // Each part is at most one object; a length declared beyond that is refused before any is read.
  const declared = declaredLength(answer.headers);
  const allowed = Math.max(1, expectedParts) * (maxPart + 64 * 1024);
  if (declared !== null && declared > allowed) {
    answer.body.destroy();
    throw tooLarge(action, url, declared, allowed, 'declares');
  }
  const parser = new MultipartParser(boundary, { maxFileSize: maxPart, maxHeaderSize: 16 * 1024, maxParts: Math.max(1, expectedParts) + 16, maxTotalSize: Number.MAX_SAFE_INTEGER });
  let received = 0;
  let parts = 0;
  const checked = (content: Uint8Array[], headers: Readonly<Record<string, string | undefined>>): ArrivedFile => {
    parts += 1;
    const file = arrivedFile(content);
    const type = headers['content-type'];
    if (type && !/^application\/dicom\b/i.test(type)) throw new AppError('io_error', `${action}: part ${parts} of the answer of ${url} is "${type}", not a DICOM file: nothing of it was kept.`);
    const length = headers['content-length'] === undefined ? null : Number(headers['content-length']);
    if (length !== null && length !== file.size) throw new AppError('io_error', `${action}: part ${parts} of the answer of ${url} declares ${formatBytes(length)} but holds ${formatBytes(file.size)}: refused as damaged.`);
    if (!isPart10(file.head)) throw new AppError('io_error', `${action}: part ${parts} of the answer of ${url} is not a DICOM Part 10 file (${glimpse(file.head)}): nothing of it was kept.`);
    return file;
  };
  try {
    for await (const chunk of answer.body as AsyncIterable<Buffer>) {
      received += chunk.length;
      for (const part of parser.write(chunk)) yield checked(part.content, part.headers);
    }
  } catch (error) {
    answer.body.destroy();
    if (error instanceof AppError) throw error;
    const stopped = answer.stopped();
    if (stopped) throw stopped;
    if (error instanceof MaxFileSizeExceededError) throw new AppError('io_error', `${action}: part ${parts + 1} of the answer of ${url} grew past ${formatBytes(maxPart)}, more than this app takes for one DICOM object: refused, nothing of it was kept.`);
    if (error instanceof MaxHeaderSizeExceededError) throw new AppError('io_error', `${action}: the answer of ${url} is not valid multipart (${error.message}).`);
    if ((error as { code?: string }).code === 'ECONNRESET' || (error as Error).message === 'aborted') throw truncated(action, url, received, declared);
    if ((error as Error).name?.startsWith('Max') || (error as Error).name === 'MultipartParseError') throw new AppError('io_error', `${action}: the answer of ${url} is not valid multipart (${(error as Error).message}).`);
    throw networkError(action, url, error);
  }
  finally {
    // A consumer that stops early (cancel, a refused part) must not leave the answer streaming in.
    if (!answer.body.complete) answer.body.destroy();
  }
  try {
    parser.finish();
  } catch {
    throw truncated(action, url, received, declared);
  }
}
