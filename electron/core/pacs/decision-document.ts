import type { NaturalizedDataset } from 'dcmjs';
import { uuidToUid } from '@shared/dicom/uid';
import { ROLE_LABELS } from '@shared/reader/roles';
import { DECISION_LABELS } from '@shared/worklist/review';
import { SR } from '../export/dicom/codes';
import { UTC_OFFSET } from '../export/dicom/dicom-datetime';
import { utcDatesAt } from '../export/dicom/object-dates';
import { codeItem, coded, text, uidref, type Item } from '../export/sr/content-items';
import { APP_NAME, observerItems } from '../export/sr/measurement-report';
import { BM, PRIVATE_SCHEME_IDENTIFICATION } from '../export/sr/private-codes';
import type { ReviewSnapshot } from './publication-snapshot';
import { decisionCode, TEAM } from './team-codes';
import { asTeamPublication } from './team-document-header';
import type { StudyContext } from './team-study-context';

/** Comprehensive SR Storage (PS3.4 B.5): a decision holds no coordinates. */
export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';

/**
 * A reviewing specialist's decision on a lesion as the team receives it: a Comprehensive SR of its
 * own in the specialist's series, naming the lesion by its Tracking Unique Identifier (112040, DCM)
 * and record UID, the decision coded, the comment, the specialist (initials, name, role) and the
 * decision record as JSON for a lossless read back.
 */
export function decisionDocument(snapshot: ReviewSnapshot, study: StudyContext, appVersion: string): NaturalizedDataset {
  const { review, lesion } = snapshot;
  const dates = utcDatesAt(new Date(snapshot.at));
  const content: Item[] = [
    coded('HAS CONCEPT MOD', SR.language, SR.englishUS),
    ...observerItems(snapshot.reader),
    ...(review.reviewerRole ? [text('HAS OBS CONTEXT', TEAM.role, ROLE_LABELS[review.reviewerRole])] : []),
    uidref('CONTAINS', SR.trackingUid, lesion.trackingUid),
    uidref('CONTAINS', BM.lesionRecordUid, uuidToUid(lesion.id)),
    coded('CONTAINS', TEAM.decision, decisionCode(review.decision, DECISION_LABELS[review.decision])),
    ...(review.comment.trim() ? [text('CONTAINS', TEAM.comment, review.comment)] : []),
    text('CONTAINS', BM.record, JSON.stringify(review)),
  ];
  const dataset: Item = {
    SpecificCharacterSet: 'ISO_IR 192',
    InstanceCreationDate: dates.creation!.date,
    InstanceCreationTime: dates.creation!.time,
    TimezoneOffsetFromUTC: UTC_OFFSET,
    SOPClassUID: COMPREHENSIVE_SR_STORAGE,
    SOPInstanceUID: snapshot.sopInstanceUid,
    ...study.header,
    StudyInstanceUID: snapshot.studyInstanceUid,
    Modality: 'SR',
    SeriesInstanceUID: snapshot.seriesInstanceUid,
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: APP_NAME,
    ManufacturerModelName: APP_NAME,
    SoftwareVersions: appVersion,
    DeviceSerialNumber: 'NONE',
    ContentDate: dates.content.date,
    ContentTime: dates.content.time,
    PreliminaryFlag: 'FINAL',
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    CodingSchemeIdentificationSequence: [PRIVATE_SCHEME_IDENTIFICATION],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [codeItem(TEAM.decisionDocument)],
    ContinuityOfContent: 'SEPARATE',
    ContentSequence: content,
  };
  return asTeamPublication(dataset, snapshot, null);
}
