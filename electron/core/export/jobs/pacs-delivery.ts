import type { PacsDelivery } from '@shared/export/export-job';
import type { DicomWebTarget } from '../../pacs/dicomweb/dicomweb-target';
import { qidoFindStudy } from '../../pacs/dicomweb/qido-rs';
import { stowRs, type StowFile } from '../../pacs/dicomweb/stow-rs';

/**
 * Sends a study's files to the PACS by STOW-RS, then asks the PACS (QIDO-RS) whether it now
 * lists the study: what the user is told is what the server said, not what was hoped.
 */
export async function deliverToPacs(target: DicomWebTarget, studyInstanceUid: string, files: readonly StowFile[]): Promise<PacsDelivery> {
  const result = await stowRs(target, files);
  const found = result.stored.length > 0 ? (await qidoFindStudy(target, studyInstanceUid)).find((s) => s.studyInstanceUid === studyInstanceUid) : undefined;
  return {
    url: target.url,
    studyInstanceUid,
    httpStatus: result.status,
    stored: result.stored.map((s) => s.sopInstanceUid ?? '(instance not named by the server)'),
    failed: result.failed.map((f) => ({ sopInstanceUid: f.sopInstanceUid, reason: f.failureReason ?? 'failure' })),
    confirmed: found !== undefined,
    filesSent: files.length,
    instancesListed: found?.numberOfInstances ?? null,
  };
}
