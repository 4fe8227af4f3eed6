import type { PacsTestResult } from '@shared/export/pacs-settings';
import type { DicomWebTarget } from './dicomweb-target';
import { searchStudies } from './qido-rs';

/** A connection test waits no longer than this, whatever the target's time limit for sends. */
const TEST_TIMEOUT_MS = 15_000;

/**
 * Tries a PACS for real: one QIDO-RS search (GET {root}/studies?limit=1) and what it answered.
 * 200 or 204 with DICOM JSON is a working DICOMweb root; anything else is explained in the words of dicomweb-errors.
 */
export async function testPacsConnection(target: DicomWebTarget): Promise<PacsTestResult> {
  const started = performance.now();
  const answer = await searchStudies(target, 'limit=1', 'Testing the PACS failed', Math.min(target.timeoutMs, TEST_TIMEOUT_MS));
  const milliseconds = Math.round(performance.now() - started);
  if (!answer.ok) return { url: answer.url, ok: false, httpStatus: answer.httpStatus, message: answer.error.message, milliseconds };
  const holds = answer.items.length > 0 ? ' and holds studies' : ' (it holds no study yet)';
  return { url: answer.url, ok: true, httpStatus: answer.httpStatus, message: `HTTP ${answer.httpStatus}: the server answered a study search${holds}.`, milliseconds };
}
