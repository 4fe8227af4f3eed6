import type { StudySummary } from '@shared/dicom/study';
import { identifyingTexts, mentionsIdentity } from '../deid/identity-mentions';

/**
 * The study's description as a packet shows it. Study Description is free text (the Basic Profile
 * removes it): a non-clinical packet withholds it (null) when it names the patient, gives the
 * patient's ID or the accession number, or a date of the patient or the study.
 */
export function packetDescription(study: StudySummary, clinical: boolean): string | null {
  if (clinical) return study.description;
  const da = (iso: string | null) => (iso ? [iso.replace(/-/g, '')] : []);
  const identifying = identifyingTexts({
    '00100010': { vr: 'PN', Value: [study.patientName] },
    '00100020': { vr: 'LO', Value: [study.patientId] },
    '00080050': { vr: 'SH', Value: [study.accessionNumber] },
    '00100030': { vr: 'DA', Value: da(study.patientBirthDate) },
    '00080020': { vr: 'DA', Value: da(study.studyDate) },
  });
  return mentionsIdentity(study.description, identifying) ? null : study.description;
}

/** How a packet prints the study's description. */
export function descriptionText(description: string | null): string {
  return description === null ? '(description withheld: it names the patient)' : description || '(no description)';
}
