import { randomUUID } from 'node:crypto';
import { uuidToUid } from '@shared/dicom/uid';

// UIDs the exports mint. Every new UID is a 2.25 UID (PS3.5 B.2): the decimal form of a random
// UUID, so that no UID an export writes can be traced back to an original or to another export.

/** A fresh 2.25 UID from a random (version 4) UUID. */
export function newUid(): string {
  return uuidToUid(randomUUID());
}

/**
 * Whether a UID is registered by DICOM itself (SOP classes, transfer syntaxes, coding schemes): no
 * object's, no one's. No registered UID (PS3.6 Annex A) has a component of more than 5 digits after
 * the root; one that has borrows the root to carry something else (an ID, a date) and is not kept.
 */
export function isStandardUid(uid: string): boolean {
  return uid.startsWith('1.2.840.10008.') && uid.slice(14).split('.').every((component) => /^\d{1,5}$/.test(component));
}

/**
 * Arcs of HL7's registry that hold vocabularies: 5 (HL7 version 3 code systems), 6 (external code
 * systems: SNOMED CT 6.96, LOINC 6.1, RadLex 6.256, UCUM 6.8), 12 (version 2 tables). Arc 3 is
 * organisations' own (a hospital's OID): only NCI's Thesaurus, 3.26.1.1, is a vocabulary DICOM uses there.
 */
const HL7_VOCABULARY_ARCS = ['2.16.840.1.113883.5.', '2.16.840.1.113883.6.', '2.16.840.1.113883.12.'];
const HL7_VOCABULARIES_ELSEWHERE = new Set(['2.16.840.1.113883.3.26.1.1']);

/**
 * Whether a UID is the OID of a vocabulary in HL7's registry, whose components, as DICOM's, run to
 * 5 digits at most: one longer carries something else (an ID, a date). An organisation's OID (arc 3:
 * a hospital, its local scheme) names the organisation and is no vocabulary of HL7's.
 */
export function isHl7RegisteredUid(uid: string): boolean {
  const vocabulary = HL7_VOCABULARIES_ELSEWHERE.has(uid) || HL7_VOCABULARY_ARCS.some((arc) => uid.startsWith(arc));
  return vocabulary && uid.slice(18).split('.').every((component) => /^\d{1,5}$/.test(component));
}

/** Comprehensive 3D SR Storage (PS3.4 B.5): SCOORD3D keeps annotations in patient coordinates. */
export const COMPREHENSIVE_3D_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.34';

/** Segmentation Storage (PS3.4 B.5). */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/** Explicit VR Little Endian: every object the exports write uses it. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Implicit VR Little Endian. */
export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** Explicit VR Big Endian (retired): re-encoded as little endian on export. */
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** Deflated Explicit VR Little Endian: dcmjs inflates it on reading; re-encoded uncompressed. */
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';

/** Implementation Class UID of the files the exports write (File Meta, PS3.7 D.3.3.2); fixed, not per file. */
export const EXPORT_IMPLEMENTATION_CLASS_UID = '2.25.255603155958311929391004520337461766186';

/** Implementation Version Name (SH, at most 16 characters). */
export const EXPORT_IMPLEMENTATION_VERSION_NAME = 'BONEMET_EXP_1';

/** Device Observer UID of the app in SR observer context (TID 1004); fixed so reports of one app match. */
export const DEVICE_OBSERVER_UID = '2.25.170139893651553296391869396823155457823';
