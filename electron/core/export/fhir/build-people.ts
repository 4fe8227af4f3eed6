import type { StudySummary } from '@shared/dicom/study';
import type { Patient, Practitioner } from './fhir-resources';
import { CODES, SYSTEMS } from './fhir-codes';

/** A DICOM PN (FAMILY^GIVEN^MIDDLE^PREFIX^SUFFIX, alphabetic group only) as a FHIR HumanName. */
export function humanNameFromDicom(pn: string): Patient['name'] {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = (pn.split('=')[0] ?? '').split('^').map((p) => p.trim());
  const givenNames = [given, middle].filter(Boolean);
  const text = [prefix, ...givenNames, family, suffix].filter(Boolean).join(' ');
  if (!text) return undefined;
  return [{ use: 'official', text, ...(family ? { family } : {}), ...(givenNames.length ? { given: givenNames } : {}) }];
}

const GENDERS: Readonly<Record<string, Patient['gender']>> = { M: 'male', F: 'female', O: 'other' };

/**
 * The study's patient. The DICOM Patient ID is an MR number of an issuer we do not know, so the
 * identifier has a type but no system; a receiver matches it against its own issuer.
 */
export function patientResource(study: StudySummary): Patient {
  const id = study.patientId.trim();
  const gender = GENDERS[study.patientSex.trim().toUpperCase()];
  const name = humanNameFromDicom(study.patientName);
  return {
    resourceType: 'Patient',
    ...(id ? { identifier: [{ use: 'usual', type: { coding: [CODES.medicalRecordNumber] }, value: id }] } : {}),
    ...(name ? { name } : {}),
    ...(gender ? { gender } : {}),
    ...(study.patientBirthDate ? { birthDate: study.patientBirthDate } : {}),
  };
}

/** A reader as a Practitioner, identified by the initials this workstation knows them by. */
export function practitionerResource(initials: string, name: string | undefined): Practitioner {
  return {
    resourceType: 'Practitioner',
    identifier: [{ system: SYSTEMS.readerInitials, value: initials }],
    ...(name?.trim() ? { name: [{ text: name.trim() }] } : {}),
  };
}
