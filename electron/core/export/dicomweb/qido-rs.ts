import { z } from 'zod';
import { DicomUidSchema } from '../../../../shared/dicom/uid';
import { AppError } from '../../../../shared/errors';
import { authHeaders, type DicomWebTarget } from './dicomweb-target';
import { httpError, networkError } from './dicomweb-errors';

/** A study as QIDO-RS answers it, reduced to what confirms a send. */
export const QidoStudySchema = z.object({ studyInstanceUid: z.string(), numberOfInstances: z.number().int().nullable() });
export type QidoStudy = z.infer<typeof QidoStudySchema>;

/**
 * Searches the server for a study by UID (QIDO-RS, PS3.18 10.6): GET {root}/studies?StudyInstanceUID=.
 * @returns the matching studies; empty when the server has none (204 or an empty array)
 */
export async function qidoFindStudy(target: DicomWebTarget, studyInstanceUid: string): Promise<QidoStudy[]> {
  DicomUidSchema.parse(studyInstanceUid);
  const url = `${target.url}/studies?StudyInstanceUID=${encodeURIComponent(studyInstanceUid)}&includefield=00201208`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...authHeaders(target), Accept: 'application/dicom+json' }, signal: AbortSignal.timeout(target.timeoutMs) });
  } catch (error) {
    throw networkError('Searching the PACS failed', url, error);
  }
  const text = await response.text();
  if (response.status === 204) return [];
  if (response.status !== 200) throw httpError('Searching the PACS failed', url, response.status, text);
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : [];
  } catch {
    throw new AppError('io_error', `Searching the PACS failed: ${url} did not answer with DICOM JSON.`);
  }
  const items = (Array.isArray(json) ? json : []) as Record<string, { Value?: unknown[] } | undefined>[];
  return items.map((item) => ({
    studyInstanceUid: String(item['0020000D']?.Value?.[0] ?? item['0020000d']?.Value?.[0] ?? ''),
    numberOfInstances: typeof item['00201208']?.Value?.[0] === 'number' ? (item['00201208']!.Value![0] as number) : null,
  }));
}
