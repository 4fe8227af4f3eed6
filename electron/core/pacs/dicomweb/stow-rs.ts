import dicomParser from 'dicom-parser';
import { AppError } from '@shared/errors';
import { readRegularFile } from '../../files/special-files';
import { authHeaders, type DicomWebTarget } from './dicomweb-target';
import { httpError, networkError } from './dicomweb-errors';
import { multipartRelated } from './multipart-related';
import { parseStowResponse, type StowInstanceResult } from './stow-response';

/** One DICOM Part 10 file to send, with the UIDs read from it. */
export interface StowFile {
  path: string;
  bytes: Uint8Array;
  studyInstanceUid: string;
  sopInstanceUid: string;
}

/** What the server answered: every instance stored or failed, and the HTTP status. */
export interface StowResult {
  status: number;
  stored: StowInstanceResult[];
  failed: StowInstanceResult[];
}

/**
 * Reads a file to send and checks it is DICOM Part 10 ("DICM" after the preamble), which STOW-RS
 * application/dicom parts must be.
 */
export function readStowFile(filePath: string): StowFile {
  const bytes = readRegularFile(filePath);
  if (bytes.length < 132 || bytes.toString('latin1', 128, 132) !== 'DICM') {
    throw new AppError('invalid_request', `${filePath} is not a DICOM Part 10 file (no "DICM" after the 128-byte preamble); STOW-RS sends Part 10 files only.`);
  }
  try {
    const ds = dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), { untilTag: 'x7fe00010' });
    const uid = (tag: string) => (ds.string(tag) ?? '').replace(/\0/g, '').trim();
    return { path: filePath, bytes, studyInstanceUid: uid('x0020000d'), sopInstanceUid: uid('x00080018') || uid('x00020003') };
  } catch (error) {
    throw new AppError('invalid_request', `${filePath} could not be parsed as DICOM: ${(error as Error).message ?? String(error)}`);
  }
}

/**
 * Sends DICOM files to a server by STOW-RS (PS3.18 10.5): one POST of multipart/related;
 * type="application/dicom" to {root}/studies. 200: all stored; 202: some stored, some failed or
 * with warnings (returned, not thrown); any other status is an AppError saying what to do.
 */
export async function stowRs(target: DicomWebTarget, files: readonly StowFile[]): Promise<StowResult> {
  if (files.length === 0) throw new AppError('invalid_request', 'Nothing to send: give at least one DICOM file.');
  const url = `${target.url}/studies`;
  const { contentType, body } = multipartRelated(files.map((f) => f.bytes));
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { ...authHeaders(target), 'Content-Type': contentType, Accept: 'application/dicom+json' },
      body,
      signal: AbortSignal.timeout(target.timeoutMs),
    });
  } catch (error) {
    throw networkError('Sending to the PACS failed', url, error);
  }
  const text = await response.text();
  if (response.status !== 200 && response.status !== 202) throw httpError(target, 'Sending to the PACS failed', url, response.status, text);
  const { stored, failed } = parseStowResponse(text);
  return { status: response.status, stored, failed };
}
