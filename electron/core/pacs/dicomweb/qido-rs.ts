import { z } from 'zod';
import { DicomUidSchema } from '@shared/dicom/uid';
import { AppError } from '@shared/errors';
import { authHeaders, type DicomWebTarget } from './dicomweb-target';
import { httpError, networkError } from './dicomweb-errors';

/** A study as QIDO-RS answers it, reduced to what confirms a send. */
export const QidoStudySchema = z.object({ studyInstanceUid: z.string(), numberOfInstances: z.number().int().nullable() });
export type QidoStudy = z.infer<typeof QidoStudySchema>;

/** One DICOM JSON object of a QIDO-RS answer (PS3.18 F.2), keyed by tag. */
type DicomJsonItem = Record<string, { Value?: unknown[] } | undefined>;

/** What one QIDO-RS study search came to: the items, or the failure in the user's words with its HTTP status. */
export type QidoAnswer =
  | { url: string; ok: true; httpStatus: 200 | 204; items: DicomJsonItem[] }
  | { url: string; ok: false; httpStatus: number | null; error: AppError };

/**
 * One QIDO-RS study search (PS3.18 10.6): GET {root}/studies?{query}. 204 or an empty body is no
 * study; any other status, a network failure or an answer that is not DICOM JSON is a failure
 * explained as `action` failing.
 */
export async function searchStudies(target: DicomWebTarget, query: string, action: string, timeoutMs = target.timeoutMs): Promise<QidoAnswer> {
  const url = `${target.url}/studies?${query}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...authHeaders(target), Accept: 'application/dicom+json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { url, ok: false, httpStatus: null, error: networkError(action, url, error) };
  }
  const text = await response.text();
  if (response.status !== 200 && response.status !== 204) return { url, ok: false, httpStatus: response.status, error: httpError(action, url, response.status, text) };
  if (response.status === 204 || !text.trim()) return { url, ok: true, httpStatus: response.status, items: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  // An array of objects keyed by tag: Orthanc's own REST root, for one, answers an array of ids.
  const isDicomJson = Array.isArray(json) && json.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  if (!isDicomJson) return { url, ok: false, httpStatus: response.status, error: new AppError('io_error', `${action}: ${url} answered HTTP ${response.status}, but not with DICOM JSON: is ${target.url} a DICOMweb root?`) };
  return { url, ok: true, httpStatus: response.status, items: json as DicomJsonItem[] };
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
