import type { StudySummary } from '@shared/dicom/study';
import type { Patient, Practitioner } from './fhir-resources';
import type { PatientIdIssuer } from '../dicom/patient-id-issuer';
import type { LesionReader } from '../lesion-reader';
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
 * The system of the study's Patient ID: the issuer's universal id when the images give one (an OID
 * as urn:oid, a UUID as urn:uuid, a URI as is); otherwise our naming system for "a Patient ID as a
 * DICOM study carries it", with the issuer's name, if any, as the assigner. A receiver matches
 * that value against its own issuer; it is never presented as a system it is not.
 */
function patientIdSystem(issuer: PatientIdIssuer | null): { system: string; assigner?: { display: string } } {
  const id = issuer?.universalEntityId;
  const type = issuer?.universalEntityIdType?.toUpperCase();
  if (id && type === 'ISO' && /^[0-2](\.(0|[1-9][0-9]*))+$/.test(id)) return { system: `urn:oid:${id}` };
  if (id && type === 'UUID' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return { system: `urn:uuid:${id.toLowerCase()}` };
  if (id && (type === 'URI' || type === 'URL') && /^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) return { system: id };
  return { system: SYSTEMS.dicomPatientId, ...(issuer?.name ? { assigner: { display: issuer.name } } : {}) };
}

/** The study's patient, identified by the DICOM Patient ID (an MR number) under its issuer's system. */
export function patientResource(study: StudySummary, issuer: PatientIdIssuer | null = null): Patient {
  const id = study.patientId.trim();
  const gender = GENDERS[study.patientSex.trim().toUpperCase()];
  const name = humanNameFromDicom(study.patientName);
  return {
    resourceType: 'Patient',
    ...(id ? { identifier: [{ use: 'usual', type: { coding: [CODES.medicalRecordNumber] }, ...patientIdSystem(issuer), value: id }] } : {}),
    ...(name ? { name } : {}),
    ...(gender ? { gender } : {}),
    ...(study.patientBirthDate ? { birthDate: study.patientBirthDate } : {}),
  };
}

/**
 * A reader as a Practitioner, identified by their initials: at this workstation, or, for a reader of
 * another workstation, at that workstation (the same initials there are another person's).
 */
export function practitionerResource(reader: LesionReader): Practitioner {
  const system = reader.workstation ? `${SYSTEMS.readerInitials}/workstation/${reader.workstation.id}` : SYSTEMS.readerInitials;
  return {
    resourceType: 'Practitioner',
    identifier: [{ system, value: reader.initials }],
    ...(reader.name?.trim() ? { name: [{ text: reader.name.trim() }] } : {}),
  };
}
