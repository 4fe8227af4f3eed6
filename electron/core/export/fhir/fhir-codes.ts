import type { ScoreId } from '@shared/scoring/result';
import type { Code } from '../dicom/codes';

/**
 * Every code the FHIR referral bundle uses, with where each was checked. External codes are
 * used only where a public source confirmed them; the scores have no LOINC or SNOMED CT code
 * that could be confirmed (a search of LOINC-bearing sources found none for Mirels, SINS,
 * Harrington, Van der Linden or the Bilsky ESCC grade), so they, and the app's own findings
 * (lesion nature, cortical involvement), are coded in CodeSystems of the app's own namespace.
 *
 * The app's namespace for what no public code system covers, declared here once: a stable https
 * URI that names the project. Receivers use it as an identifier (FHIR does not require a canonical
 * URL to resolve); a code's meaning under it never changes, a new meaning gets a new code.
 */
export const BONEMET_FHIR_BASE = 'https://bonemet-review.org/fhir';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  /** DICOM UIDs as FHIR identifiers and SOP class codings: urn:oid:<uid>. */
  dicomUid: 'urn:dicom:uid',
  rfc3986: 'urn:ietf:rfc:3986',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2DiagnosticService: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  ucum: 'http://unitsofmeasure.org',
  /** Ours: the scores and their components (codes below). */
  scores: `${BONEMET_FHIR_BASE}/CodeSystem/scores`,
  /** Ours: lesion findings no public code covers (fhir-finding-codes.ts). */
  findings: `${BONEMET_FHIR_BASE}/CodeSystem/lesion-findings`,
  /** Ours: a DICOM Patient ID whose issuer the images do not name (see build-people.ts). */
  dicomPatientId: `${BONEMET_FHIR_BASE}/NamingSystem/dicom-patient-id`,
  /** Ours: reader initials at this workstation. */
  readerInitials: `${BONEMET_FHIR_BASE}/NamingSystem/reader-initials`,
  /** Ours: lesion id + score id, one identifier per score Observation. */
  lesionScore: `${BONEMET_FHIR_BASE}/NamingSystem/lesion-score`,
  /** Ours: the bundle's own identifier. */
  exportBundle: `${BONEMET_FHIR_BASE}/NamingSystem/export-bundle`,
} as const;

/**
 * Verified external codes.
 * - LOINC 18748-4 "Diagnostic imaging study": DICOM CID 7000 (bvdh/dicom-terminology-in-fhir,
 *   ValueSet-dicom-cid-7000-DiagnosticImagingReportDocumentTitle.fsh).
 * - v2-0074 RAD "Radiology": HL7 v2 table 0074, the R4 DiagnosticReport category example binding.
 * - v2-0203 MR "Medical record number": HL7 v2 table 0203 (identifier type).
 * - observation-category imaging / survey: R4 observation-category code system (survey is the
 *   category R4 gives to assessment-tool scores such as Apgar).
 * - SNOMED CT 306206005 "Referral to service": umzhconnect/umzhconnect-ig
 *   ServiceRequest-ReferralOrthopedicSurgery.fsh (category of an orthopaedic referral).
 * - SNOMED CT 3457005 "Patient referral": hi-dinanti/ancthesis-implementationguide ServiceRequestCodes.fsh.
 * - ImagingStudy: identifier system urn:dicom:uid with urn:oid:<Study UID>, modality in DCM, SOP
 *   class as urn:ietf:rfc:3986 urn:oid:<SOP Class UID>: the R4 ImagingStudy example
 *   (as re-expressed in nizarbs2508/FSH-EXAMPLE ImagingStudy-example/FSH.fsh).
 * - request-priority routine | urgent | asap | stat: R4 ValueSet request-priority (hl7.org/fhir/r4).
 */
export const CODES = {
  diagnosticImagingStudy: { system: SYSTEMS.loinc, code: '18748-4', display: 'Diagnostic imaging study' },
  radiology: { system: SYSTEMS.v2DiagnosticService, code: 'RAD', display: 'Radiology' },
  medicalRecordNumber: { system: SYSTEMS.v2IdentifierType, code: 'MR', display: 'Medical record number' },
  imagingCategory: { system: SYSTEMS.observationCategory, code: 'imaging', display: 'Imaging' },
  surveyCategory: { system: SYSTEMS.observationCategory, code: 'survey', display: 'Survey' },
  referralToService: { system: SYSTEMS.snomed, code: '306206005', display: 'Referral to service' },
  patientReferral: { system: SYSTEMS.snomed, code: '3457005', display: 'Patient referral' },
  unknown: { system: SYSTEMS.dataAbsentReason, code: 'unknown', display: 'Unknown' },
} as const;

/** The DICOM coding scheme designators the exports use, as FHIR code systems. */
const SYSTEM_OF_SCHEME: Readonly<Record<string, string>> = { SCT: SYSTEMS.snomed, DCM: SYSTEMS.dicom, LN: SYSTEMS.loinc, UCUM: SYSTEMS.ucum };

/** A DICOM code (the exports' verified codes, dicom/codes.ts) as a FHIR Coding. */
export function codingOf(code: Code): { system: string; code: string; display: string } {
  const system = SYSTEM_OF_SCHEME[code.scheme];
  if (!system) throw new RangeError(`no FHIR system for coding scheme ${code.scheme}`);
  return { system, code: code.value, display: code.meaning };
}

/** Our score codes (in SYSTEMS.scores): one per score, displays as the scoring module names them. */
export const SCORE_CODES: Readonly<Record<ScoreId, { code: string; display: string }>> = {
  mirels: { code: 'mirels', display: 'Mirels score (Mirels 1989)' },
  harrington: { code: 'harrington', display: 'Harrington criteria for impending fracture (criteria met)' },
  'van-der-linden': { code: 'van-der-linden', display: 'Van der Linden criteria, femur (criteria met)' },
  sins: { code: 'sins', display: 'Spinal Instability Neoplastic Score (Fisher 2010)' },
  escc: { code: 'escc', display: 'Epidural spinal cord compression grade (Bilsky 2010)' },
};

/**
 * Our component codes: "<score>.<component id>", the ids shared/scoring gives its components.
 * A test scores lesions of every kind and checks that each component it meets is listed here.
 */
export const COMPONENT_CODES: Readonly<Record<string, string>> = {
  'mirels.site': 'Mirels site',
  'mirels.nature': 'Mirels lesion nature',
  'mirels.size': 'Mirels size',
  'mirels.pain': 'Mirels pain',
  'harrington.cortical-destruction': 'Harrington: cortical destruction > 50%',
  'harrington.size': 'Harrington: lesion >= 2.5 cm',
  'harrington.lesser-trochanter-avulsion': 'Harrington: avulsion of the lesser trochanter',
  'harrington.pain-after-radiotherapy': 'Harrington: persistent or functional pain after radiotherapy',
  'van-der-linden.axial': 'Van der Linden: axial cortical involvement > 30 mm',
  'van-der-linden.circumferential': 'Van der Linden: circumferential cortical involvement > 50%',
  'sins.location': 'SINS location',
  'sins.pain': 'SINS pain',
  'sins.bone-lesion': 'SINS bone lesion',
  'sins.alignment': 'SINS radiographic alignment',
  'sins.collapse': 'SINS vertebral body collapse',
  'sins.posterolateral': 'SINS posterolateral involvement',
  'escc.grade': 'ESCC grade (axial T2, worst level)',
};

/** Our ESCC grade codes: "escc-grade-<grade>" (Bilsky 2010 grades 0, 1a, 1b, 1c, 2, 3). */
export function esccGradeCode(grade: string): string {
  return `escc-grade-${grade}`;
}
