import { z } from 'zod';
import { DicomUidSchema } from '@shared/dicom/uid';
import { AppError } from '@shared/errors';
import type { DicomJsonItem } from './dicom-json';
import type { DicomWebTarget } from './dicomweb-target';
import { httpError } from './dicomweb-errors';
import { dicomWebGet, readTextBody } from './dicomweb-http';

/** A QIDO-RS answer is a list of small objects; one larger than this is not an honest answer. */
export const MAX_QIDO_BYTES = 32 * 2 ** 20;

/** A study as QIDO-RS answers it, reduced to what confirms a send. */
export const QidoStudySchema = z.object({ studyInstanceUid: z.string(), numberOfInstances: z.number().int().nullable() });
export type QidoStudy = z.infer<typeof QidoStudySchema>;

/** What one QIDO-RS search came to: the items, or the failure in the user's words with its HTTP status. */
export type QidoAnswer =
  | { url: string; ok: true; httpStatus: 200 | 204; items: DicomJsonItem[] }
  | { url: string; ok: false; httpStatus: number | null; error: AppError };

/**
 * One QIDO-RS search (PS3.18 10.6): GET {root}{resource}?{query}, e.g. resource `/studies` or
 * `/studies/{uid}/instances`. 204 or an empty body is no match; any other status, a network
 * failure, an answer over MAX_QIDO_BYTES or one that is not DICOM JSON is a failure explained as
 * `action` failing.
 */
export async function qidoSearch(
  target: DicomWebTarget,
  resource: string,
  query: string,
  action: string,
  options: { idleTimeoutMs?: number; signal?: AbortSignal } = {},
): Promise<QidoAnswer> {
  const path = `${resource}${query ? `?${query}` : ''}`;
  const url = `${target.url}${path}`;
  let text: string;
  let status: number;
  try {
    const answer = await dicomWebGet(target, { path, accept: 'application/dicom+json', action, idleTimeoutMs: options.idleTimeoutMs ?? target.timeoutMs, signal: options.signal });
    status = answer.status;
    text = await readTextBody(answer, MAX_QIDO_BYTES, action);
  } catch (error) {
    return { url, ok: false, httpStatus: null, error: error as AppError };
  }
  if (status !== 200 && status !== 204) return { url, ok: false, httpStatus: status, error: httpError(target, action, url, status, text) };
  if (status === 204 || !text.trim()) return { url, ok: true, httpStatus: status, items: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  // An array of objects keyed by tag: Orthanc's own REST root, for one, answers an array of ids.
  const isDicomJson = Array.isArray(json) && json.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  if (!isDicomJson) return { url, ok: false, httpStatus: status, error: new AppError('io_error', `${action}: ${url} answered HTTP ${status}, but not with DICOM JSON: is ${target.url} a DICOMweb root?`) };
  return { url, ok: true, httpStatus: status as 200, items: json as DicomJsonItem[] };
}

/**
 * One QIDO-RS study search (PS3.18 10.6): GET {root}/studies?{query}. 204 or an empty body is no
 * study; any other status, a network failure or an answer that is not DICOM JSON is a failure
 * explained as `action` failing.
 */
export async function searchStudies(target: DicomWebTarget, query: string, action: string, timeoutMs = target.timeoutMs): Promise<QidoAnswer> {
  return qidoSearch(target, '/studies', query, action, { idleTimeoutMs: timeoutMs });
}

/**
 * Searches the server for a study by UID: GET {root}/studies?StudyInstanceUID=.
 * @returns the matching studies; empty when the server has none (204 or an empty array)
 */
export async function qidoFindStudy(target: DicomWebTarget, studyInstanceUid: string): Promise<QidoStudy[]> {
  DicomUidSchema.parse(studyInstanceUid);
  const answer = await searchStudies(target, `StudyInstanceUID=${encodeURIComponent(studyInstanceUid)}&includefield=00201208`, 'Searching the PACS failed');
  if (!answer.ok) throw answer.error;
  return answer.items.map((item) => ({
    studyInstanceUid: String(item['0020000D']?.Value?.[0] ?? item['0020000d']?.Value?.[0] ?? ''),
    numberOfInstances: typeof item['00201208']?.Value?.[0] === 'number' ? (item['00201208']!.Value![0] as number) : null,
  }));
}
