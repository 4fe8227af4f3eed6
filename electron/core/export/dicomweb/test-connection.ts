import type { PacsTestResult } from '../../../../shared/export/pacs-settings';
import { toErrorShape } from '../../../../shared/errors';
import { authHeaders, type DicomWebTarget } from './dicomweb-target';
import { httpError, networkError } from './dicomweb-errors';

/**
 * Tries a PACS for real: one QIDO-RS search (GET {root}/studies?limit=1) and what it answered.
 * 200 or 204 is a working DICOMweb root; anything else is explained in the words of dicomweb-errors.
 */
export async function testPacsConnection(target: DicomWebTarget): Promise<PacsTestResult> {
  const url = `${target.url}/studies?limit=1`;
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  let response: Response;
  try {
    response = await fetch(url, { headers: { ...authHeaders(target), Accept: 'application/dicom+json' }, signal: AbortSignal.timeout(Math.min(target.timeoutMs, 15_000)) });
  } catch (error) {
    return { url, ok: false, httpStatus: null, message: toErrorShape(networkError('Testing the PACS failed', url, error)).message, milliseconds: took() };
  }
  const body = await response.text();
  if (response.status === 200 || response.status === 204) {
    let count: number | null = null;
    try {
      count = response.status === 204 || !body.trim() ? 0 : (JSON.parse(body) as unknown[]).length;
    } catch {
      return { url, ok: false, httpStatus: response.status, message: `HTTP ${response.status}, but the answer is not DICOM JSON: is ${target.url} a DICOMweb root?`, milliseconds: took() };
    }
    return { url, ok: true, httpStatus: response.status, message: `HTTP ${response.status}: the server answered a study search${count > 0 ? ' and holds studies' : ' (it holds no study yet)'}.`, milliseconds: took() };
  }
  return { url, ok: false, httpStatus: response.status, message: httpError('Testing the PACS failed', url, response.status, body).message, milliseconds: took() };
}
