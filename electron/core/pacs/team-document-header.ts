import type { NaturalizedDataset } from 'dcmjs';
import { fitUtf8Bytes } from '../export/dicom/fit-bytes';
import { text, uidref, type Item } from '../export/sr/content-items';
import { uuidToUid } from '@shared/dicom/uid';
import type { PublicationSnapshot } from './publication-snapshot';
import { TEAM } from './team-codes';
import { teamSeriesDescription } from './team-identity';

/** The series number of the team's publications (an SR export is 9901). */
export const TEAM_SERIES_NUMBER = 9902;

/**
 * Who published a document, from where, and which version it is: observation context items of its
 * root. The reader's name as signed in too: the Person Observer Name holds 64 bytes in family^given
 * order, and a name of up to 200 characters must reach the team whole.
 */
export function publicationItems(snapshot: PublicationSnapshot): Item[] {
  return [
    text('HAS OBS CONTEXT', TEAM.readerName, snapshot.reader.name),
    text('HAS OBS CONTEXT', TEAM.workstationName, snapshot.workstation.name),
    uidref('HAS OBS CONTEXT', TEAM.workstationUid, uuidToUid(snapshot.workstation.id)),
    text('HAS OBS CONTEXT', TEAM.documentVersion, String(snapshot.version)),
  ];
}

/**
 * Makes an SR dataset a publication to the team: the reader's series ("BoneMet-team AB Anna Berg",
 * what QIDO-RS finds), the version as Instance Number (a viewer shows a series' highest), the
 * workstation as Station Name (SH: 16 bytes; its full name is a content item) and its identifier as Device Serial Number, the publication's observation context after the
 * observers', and the version it replaces in the Predecessor Documents Sequence (PS3.3 C.17.2).
 */
export function asTeamPublication(dataset: Item, snapshot: PublicationSnapshot, predecessor: { sopClassUid: string; sopInstanceUid: string } | null): NaturalizedDataset {
  const content = (dataset.ContentSequence as Item[] | undefined) ?? [];
  const firstStatement = content.findIndex((item) => item.RelationshipType === 'CONTAINS');
  const at = firstStatement < 0 ? content.length : firstStatement;
  const published: Item = {
    ...dataset,
    SeriesInstanceUID: snapshot.seriesInstanceUid,
    SeriesNumber: TEAM_SERIES_NUMBER,
    SeriesDescription: teamSeriesDescription(snapshot.reader),
    InstanceNumber: snapshot.instanceNumber,
    StationName: fitUtf8Bytes(snapshot.workstation.name.replaceAll('\\', '/'), 16),
    // The workstation's identifier where a QIDO-RS search can return it: a receiver then fetches only
    // the newest version of each workstation's findings in a series.
    DeviceSerialNumber: snapshot.workstation.id,
    ContentSequence: [...content.slice(0, at), ...publicationItems(snapshot), ...content.slice(at)],
  };
  if (predecessor) {
    published.PredecessorDocumentsSequence = [
      {
        StudyInstanceUID: snapshot.studyInstanceUid,
        ReferencedSeriesSequence: [
          { SeriesInstanceUID: snapshot.seriesInstanceUid, ReferencedSOPSequence: [{ ReferencedSOPClassUID: predecessor.sopClassUid, ReferencedSOPInstanceUID: predecessor.sopInstanceUid }] },
        ],
      },
    ];
  }
  return published as unknown as NaturalizedDataset;
}
