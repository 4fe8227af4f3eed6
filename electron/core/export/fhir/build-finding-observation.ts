import type { Lesion } from '@shared/lesion/lesion';
import { SR } from '../dicom/codes';
import { formatPatientSize } from '@shared/scoring/patient-size';
import { MEASUREMENT_FIELDS, locationText, measuredFigureText, measuredPlaneNotes, measurementOf, provenanceText, siteCode } from '../lesion-facts';
import { urnOid } from './build-imaging-study';
import { CODES, SYSTEMS, codingOf } from './fhir-codes';
import { FINDING_CODES, MEASUREMENT_CODES, NATURE_CODES, type FullCoding } from './fhir-finding-codes';
import { measuredValue } from './measured-value';
import type { Observation } from './fhir-report-resources';

type Component = NonNullable<Observation['component']>[number];

/** fullUrls a finding Observation refers to. */
export interface FindingRefs {
  patient: string;
  imagingStudy: string;
  reader: string;
  /** The lesion's score Observations. */
  scores: string[];
}

/** When the finding was observed: the study's date (FHIR date; DICOM times carry no zone), not an export's or an edit's. */
export interface FindingTimes {
  studyDate: string | null;
  /** The export instant. */
  issued: string;
}

const LATERALITY = { left: SR.left, right: SR.right, midline: SR.median } as const;
const unknown = { dataAbsentReason: { coding: [CODES.unknown] } };

function component(code: FullCoding, value: Partial<Component> | null): Component {
  return { code: { coding: [code], text: code.display }, ...(value ?? unknown) };
}

/**
 * The recorded measurements in the patient (UCUM; a Range for a radiograph length at the detector):
 * the largest dimension always (unknown when not measured, or measured in pixels), the others where recorded.
 */
function measurementComponents(lesion: Lesion): Component[] {
  return MEASUREMENT_FIELDS.flatMap((field) => {
    const measured = measurementOf(lesion, field.key);
    if (!measured && field.key !== 'largestDimensionMm') return [];
    return [component(MEASUREMENT_CODES[field.key], measured ? measuredValue(measured, field.unit) : null)];
  });
}

/**
 * The reader's note, then where each computed value came from, the plane of each radiograph length
 * and each length in pixels (Observation.component has no method or note of its own).
 */
function notes(lesion: Lesion): string[] {
  const computed = MEASUREMENT_FIELDS.flatMap((field) => {
    const measured = measurementOf(lesion, field.key);
    return measured?.provenance.source === 'computed' ? [`${field.label} ${measuredFigureText(field.key, field.unit, measured)}: ${provenanceText(measured.provenance)}.`] : [];
  });
  const inPixels = MEASUREMENT_FIELDS.flatMap((field) => {
    const measured = measurementOf(lesion, field.key);
    return field.unit === 'mm' && measured?.spacingPlane === 'none' ? [`${field.label} ${formatPatientSize(measured)}.`] : [];
  });
  return [...(lesion.note.trim() ? [lesion.note.trim()] : []), ...computed, ...measuredPlaneNotes(lesion), ...inPixels];
}

/** A yes/no finding: pathological fracture always (unknown when not recorded), the others where recorded. */
function yesNo(code: FullCoding, value: boolean | null, always = false): Component[] {
  if (value === null && !always) return [];
  return [component(code, value === null ? null : { valueBoolean: value })];
}

/**
 * One lesion as a finding-level R4 Observation: a bone metastasis present at its site (SNOMED CT
 * body site, laterality), with its nature, size, fracture and the other recorded findings as
 * components, identified by its DICOM Tracking UID (the one the SR and SEG carry), observed on the
 * study's date, and its score Observations as members.
 */
export function findingObservation(lesion: Lesion, refs: FindingRefs, times: FindingTimes): Observation {
  const site = siteCode(lesion);
  return {
    resourceType: 'Observation',
    identifier: [{ system: SYSTEMS.dicomUid, value: urnOid(lesion.trackingUid) }],
    status: lesion.status === 'final' ? 'final' : 'preliminary',
    category: [{ coding: [CODES.imagingCategory] }],
    code: { coding: [FINDING_CODES.boneMetastasis], text: 'Bone metastasis' },
    subject: { reference: refs.patient },
    ...(times.studyDate ? { effectiveDateTime: times.studyDate } : {}),
    issued: times.issued,
    performer: [{ reference: refs.reader }],
    valueCodeableConcept: { coding: [FINDING_CODES.present] },
    ...(notes(lesion).length ? { note: notes(lesion).map((text) => ({ text })) } : {}),
    bodySite: {
      ...(site ? { coding: [{ system: SYSTEMS.snomed, code: site.value, display: site.meaning }] } : {}),
      text: locationText(lesion),
    },
    ...(refs.scores.length ? { hasMember: refs.scores.map((reference) => ({ reference })) } : {}),
    derivedFrom: [{ reference: refs.imagingStudy }],
    component: [
      ...(lesion.laterality ? [component(codingOf(SR.laterality), { valueCodeableConcept: { coding: [codingOf(LATERALITY[lesion.laterality])] } })] : []),
      component(FINDING_CODES.nature, lesion.nature ? { valueCodeableConcept: { coding: [NATURE_CODES[lesion.nature]], text: lesion.nature } } : null),
      ...measurementComponents(lesion),
      ...yesNo(FINDING_CODES.pathologicalFracture, lesion.pathologicalFracture, true),
      ...yesNo(FINDING_CODES.corticalBreach, lesion.corticalBreach),
      ...yesNo(FINDING_CODES.softTissueExtension, lesion.softTissueExtension),
      ...yesNo(FINDING_CODES.epiduralExtension, lesion.epiduralExtension),
    ],
  };
}
