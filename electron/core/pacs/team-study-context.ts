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

/**
 * The header a received publication carried for the study: that of the document the decided lesion came
 * in (the patient the specialist saw it under; any later publication on the study, whoever sent
 * it, must not refile the decision under another patient), else the newest.
 */
function receivedHeader(db: Database.Database, studyUid: string, decidedLesionId: string | null): Item | null {
  const ofLesion = 'SELECT d.header FROM lesions l JOIN received_documents d ON d.document_key = l.origin WHERE l.id = ? AND d.study_uid = ?';
  const header = (decidedLesionId === null ? undefined : (db.prepare(ofLesion).pluck().get(decidedLesionId, studyUid) as string | undefined))
    ?? (db.prepare('SELECT header FROM received_documents WHERE study_uid = ? ORDER BY received_at DESC LIMIT 1').pluck().get(studyUid) as string | undefined);
  return header === undefined ? null : (JSON.parse(header) as Item);
}

/**
 * The study a publication is about, as this workstation has it: its header from an indexed image
 * (imported, or retrieved from the PACS), else from a publication of the team received for it
 * (a specialist deciding on a lesion whose images were never opened here: its `decidedLesionId`).
 * Refuses, as a reason to wait, a study known in neither way.
 */
export function publicationStudyContext(db: Database.Database, studyUid: string, lesions: readonly Lesion[], decidedLesionId: string | null = null): StudyContext {
  const indexed = db.prepare('SELECT 1 FROM studies WHERE study_uid = ?').get(studyUid) !== undefined;
  if (indexed) {
    const instances = studyInstances(db, studyUid);
    try {
      return { header: pickStudyHeader(readHeaderDataset(instances[0]!)), instances: instanceIndex(instances), modality: lesionModality(lesions, instances) };
    } catch (error) {
      const header = receivedHeader(db, studyUid, decidedLesionId);
      if (header) return { header, instances: instanceIndex(instances), modality: lesionModality(lesions, instances) };
      throw new PublicationError('study-missing', `The images of study ${studyUid} cannot be read on this workstation (${(error as Error).message}): import or retrieve the study again.`, null, { cause: error });
    }
  }
  const header = receivedHeader(db, studyUid, decidedLesionId);
  if (header) return { header, instances: new Map(), modality: '' };
  throw new PublicationError('study-missing', `Study ${studyUid} is not on this workstation: import or retrieve it, and the publication goes out at the next sync.`);
}
