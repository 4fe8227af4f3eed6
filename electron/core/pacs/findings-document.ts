import type { NaturalizedDataset } from 'dcmjs';
import { AppError } from '@shared/errors';
import { uuidToUid } from '@shared/dicom/uid';
import { SR } from '../export/dicom/codes';
import { utcDatesAt } from '../export/dicom/object-dates';
import { COMPREHENSIVE_3D_SR_STORAGE } from '../export/dicom/uids';
import { container, uidref, type Item } from '../export/sr/content-items';
import { buildMeasurementReport } from '../export/sr/measurement-report';
import { BM } from '../export/sr/private-codes';
import { PublicationError } from './publication-problem';
import type { FindingsSnapshot } from './publication-snapshot';
import { TEAM } from './team-codes';
import { asTeamPublication } from './team-document-header';
import type { StudyContext } from './team-study-context';

/** The lesions a version withdraws, each by its Tracking UID and record UID, for any reader of the PACS to see. */
function withdrawnItem(snapshot: FindingsSnapshot): Item[] {
  if (snapshot.withdrawn.length === 0) return [];
  const lesions = snapshot.withdrawn.flatMap((lesion) => [uidref('CONTAINS', SR.trackingUid, lesion.trackingUid), uidref('CONTAINS', BM.lesionRecordUid, uuidToUid(lesion.id))]);
  return [container('CONTAINS', TEAM.withdrawn, lesions)];
}

/**
 * One version of a reader's findings on a study as the team receives it: the TID 1500 Measurement
 * Report an SR export writes (one Measurement Group per final lesion, with its drawings and the
 * record for a lossless read back), made a publication of the reader's series, with the lesions
 * this version withdraws.
 */
export function findingsDocument(snapshot: FindingsSnapshot, study: StudyContext, appVersion: string): NaturalizedDataset {
  let report: Item;
  try {
    report = buildMeasurementReport({
      studyInstanceUid: snapshot.studyInstanceUid,
      lesions: snapshot.lesions,
      annotations: snapshot.annotations,
      instances: study.instances,
      header: study.header,
      modality: study.modality,
      observer: snapshot.reader,
      deidentified: false,
      seriesInstanceUid: snapshot.seriesInstanceUid,
      sopInstanceUid: snapshot.sopInstanceUid,
      appVersion,
      dates: utcDatesAt(new Date(snapshot.at)),
    }) as unknown as Item;
  } catch (error) {
    // A drawing on an image this workstation no longer has: the study must be imported or retrieved again.
    if (error instanceof AppError && error.code === 'not_found') throw new PublicationError('study-missing', error.message, null, { cause: error });
    throw error;
  }
  const withWithdrawals = { ...report, ContentSequence: [...((report.ContentSequence as Item[] | undefined) ?? []), ...withdrawnItem(snapshot)] };
  const predecessor = snapshot.predecessor ? { sopClassUid: COMPREHENSIVE_3D_SR_STORAGE, sopInstanceUid: snapshot.predecessor } : null;
  return asTeamPublication(withWithdrawals, snapshot, predecessor);
}
