import dicomParser from '../../dicom/dicom-parser';
import { AppError } from '@shared/errors';
import { readRegularFile } from '../../files/special-files';
import type { DicomWebTarget } from './dicomweb-target';
import { httpError } from './dicomweb-errors';
import { dicomWebSend, readTextBody } from './dicomweb-http';
import { multipartRelated } from './multipart-related';
import { parseStowResponse, type StowInstanceResult } from './stow-response';

/** A STOW-RS answer lists one small object per instance sent; one larger than this is not an honest answer. */
const MAX_STOW_ANSWER_BYTES = 16 * 2 ** 20;

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
  const action = 'Sending to the PACS failed';
  const { contentType, body } = multipartRelated(files.map((f) => f.bytes));
  const answer = await dicomWebSend(target, { method: 'POST', path: '/studies', accept: 'application/dicom+json', contentType, body, action, idleTimeoutMs: target.timeoutMs });
  const text = await readTextBody(answer, MAX_STOW_ANSWER_BYTES, action);
  if (answer.status !== 200 && answer.status !== 202) throw httpError(target, action, answer.url, answer.status, text);
  const { stored, failed } = parseStowResponse(text);
  return { status: answer.status, stored, failed };
}
