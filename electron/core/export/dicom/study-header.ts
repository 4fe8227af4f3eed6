import type { NaturalizedDataset } from 'dcmjs';
import { readIndexedFile, type IndexedFileRecord } from '../../index/indexed-file';
import { daValue, tmValue } from '../../dicom/date-time-forms';
import { naturalize, parsePart10 } from './part10-io';

/**
 * The Patient and General Study attributes (PS3.3 C.7.1.1, C.7.2.1) that a derived object (SR,
 * SEG) of the same study repeats, plus the de-identification attributes when the source has them.
 */
export const STUDY_HEADER_KEYWORDS = [
  'PatientName', 'PatientID', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientSex',
  'PatientIdentityRemoved', 'DeidentificationMethod', 'DeidentificationMethodCodeSequence',
  'StudyInstanceUID', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber', 'StudyDescription',
] as const;

/** The study header attributes present in a keyword-keyed dataset. */
export function pickStudyHeader(dataset: NaturalizedDataset): Record<string, unknown> {
  const header: Record<string, unknown> = {};
  for (const keyword of STUDY_HEADER_KEYWORDS) {
    if (dataset[keyword] !== undefined) header[keyword] = dataset[keyword];
  }
  // A date or time in a retired form (ACR-NEMA "1995.06.26", "11:20:00") in today's; one that is no
  // date or time at all left empty (all are Type 2), rather than failing the export or the file.
  for (const keyword of ['StudyDate', 'PatientBirthDate'] as const) {
    if (typeof header[keyword] === 'string') header[keyword] = daValue(header[keyword]) ?? '';
  }
  if (typeof header.StudyTime === 'string') header.StudyTime = tmValue(header.StudyTime) ?? '';
  // Type 2 attributes of the Patient and General Study modules: present, even if empty.
  for (const keyword of ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'ReferringPhysicianName', 'StudyID', 'AccessionNumber']) {
    if (header[keyword] === undefined) header[keyword] = '';
  }
  return header;
}

/** Reads an indexed file's header (up to the pixel data) as a keyword-keyed dataset; refuses a file changed since import. */
export function readHeaderDataset(file: IndexedFileRecord): NaturalizedDataset {
  return naturalize(parsePart10(readIndexedFile(file), file.filePath, { until: 'header' }).dict);
}
