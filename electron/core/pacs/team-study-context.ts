import type Database from 'better-sqlite3';
import type { Lesion } from '@shared/lesion/lesion';
import { pickStudyHeader, readHeaderDataset } from '../export/dicom/study-header';
import { studyInstances } from '../index/instance-queries';
import type { Item } from '../export/sr/content-items';
import type { ReferencedInstance } from '../export/sr/measurement-report';
import { instanceIndex, lesionModality } from '../export/sr/report-source';
import { PublicationError } from './publication-problem';

/** What a publication on a study copies from it: the patient and study attributes, and its images. */
export interface StudyContext {
  /** Patient and General Study attributes, so that the PACS files the document under the study's patient. */
  header: Item;
  instances: ReadonlyMap<string, ReferencedInstance>;
  modality: string;
}

function receivedHeader(db: Database.Database, studyUid: string): Item | null {
  const header = db.prepare('SELECT header FROM received_documents WHERE study_uid = ? ORDER BY received_at DESC LIMIT 1').pluck().get(studyUid) as string | undefined;
  return header === undefined ? null : (JSON.parse(header) as Item);
}

/**
 * The study a publication is about, as this workstation has it: its header from an indexed image
 * (imported, or retrieved from the PACS), else from a publication of the team received for it
 * (a specialist deciding on a lesion whose images were never opened here). Refuses, as a reason
 * to wait, a study known in neither way.
 */
export function publicationStudyContext(db: Database.Database, studyUid: string, lesions: readonly Lesion[]): StudyContext {
  const indexed = db.prepare('SELECT 1 FROM studies WHERE study_uid = ?').get(studyUid) !== undefined;
  if (indexed) {
    const instances = studyInstances(db, studyUid);
    try {
      return { header: pickStudyHeader(readHeaderDataset(instances[0]!.filePath)), instances: instanceIndex(instances), modality: lesionModality(lesions, instances) };
    } catch (error) {
      const header = receivedHeader(db, studyUid);
      if (header) return { header, instances: instanceIndex(instances), modality: lesionModality(lesions, instances) };
      throw new PublicationError('study-missing', `The images of study ${studyUid} cannot be read on this workstation (${(error as Error).message}): import or retrieve the study again.`, null, { cause: error });
    }
  }
  const header = receivedHeader(db, studyUid);
  if (header) return { header, instances: new Map(), modality: '' };
  throw new PublicationError('study-missing', `Study ${studyUid} is not on this workstation: import or retrieve it, and the publication goes out at the next sync.`);
}
