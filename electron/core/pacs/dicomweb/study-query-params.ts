import type { RemoteStudyFilter } from '../pacs-transport';

/** The study attributes every search asks for, beyond those QIDO-RS returns by default. */
export const STUDY_FIELDS = ['00081030', '00080061', '00201206', '00201208', '00100010', '00100020', '00080050', '00080020'];

/**
 * A contains-match as QIDO-RS wildcards (PS3.18 8.3.4.6.1): `*value*`, with blanks and the
 * PN component separator matching anything between words, and commas (which would make a list
 * of values) taken as gaps too.
 */
export function containsPattern(value: string): string {
  const words = value.trim().split(/[\s^,]+/).filter(Boolean);
  return `*${words.join('*')}*`;
}

/** A date range as a QIDO-RS DA range (YYYYMMDD-YYYYMMDD, either end open), or null for none. */
export function dateRange(from: string | undefined, to: string | undefined): string | null {
  if (!from && !to) return null;
  const da = (iso: string | undefined) => (iso ? iso.replaceAll('-', '') : '');
  return from && to && from === to ? da(from) : `${da(from)}-${da(to)}`;
}

/** The free text's one field at a time: a PACS cannot OR fields, so text becomes one search per field. */
export const TEXT_FIELDS = ['PatientName', 'PatientID', 'AccessionNumber', 'StudyDescription'] as const;

/**
 * The QIDO-RS parameters of a study search: the browser's filters as matching keys, one page
 * (limit, offset), and the fields the study rows show. `textField` puts the free text in that field.
 */
export function studyQueryParams(filter: RemoteStudyFilter, page: { offset: number; limit: number }, textField?: (typeof TEXT_FIELDS)[number]): URLSearchParams {
  const params = new URLSearchParams();
  const contains = (key: string, value: string | undefined) => {
    if (value?.trim()) params.set(key, containsPattern(value));
  };
  contains('PatientName', filter.patientName);
  contains('PatientID', filter.patientId);
  contains('AccessionNumber', filter.accessionNumber);
  contains('StudyDescription', filter.description);
  if (textField && filter.text?.trim()) params.set(textField, containsPattern(filter.text));
  if (filter.modality?.trim()) params.set('ModalitiesInStudy', filter.modality.trim().toUpperCase());
  const dates = dateRange(filter.dateFrom, filter.dateTo);
  if (dates) params.set('StudyDate', dates);
  params.set('limit', String(page.limit));
  if (page.offset > 0) params.set('offset', String(page.offset));
  params.set('includefield', STUDY_FIELDS.join(','));
  return params;
}
