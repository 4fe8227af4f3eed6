import type { Lesion } from '@shared/lesion/lesion';
import type { MeasurementKey } from '../lesion-facts';
import { SYSTEMS } from './fhir-codes';

/** A FHIR Coding with every part. */
export interface FullCoding {
  system: string;
  code: string;
  display: string;
}

const ours = (code: string, display: string): FullCoding => ({ system: SYSTEMS.findings, code, display });

/**
 * The codes of a lesion's finding Observation, external where a public source confirmed one:
 * - SNOMED CT 94222008 "Secondary malignant neoplasm of bone": mCODE's BoneMetastasesCondition
 *   example (HL7/fhir-mCODE-ig) and HL7 Lithuania's bone-metastasis Observation (code 94222008,
 *   value 52101004 "Present"), the pattern followed here;
 * - SNOMED CT 52101004 "Present": the same Observation's value;
 * - SNOMED CT 268029009 "Pathological fracture": value sets including its descendants (is-a 268029009);
 * - LOINC 33728-7 "Size.maximum dimension in Tumor": mCODE TumorSize, component tumorLongestDimension;
 * - laterality (SNOMED CT 272741003, left 7771000, right 24028007, DCM 130290 median): as the SR writes them.
 * Everything else (lesion nature, cortical involvement, the Mirels size inputs) is in our CodeSystem.
 */
export const FINDING_CODES = {
  boneMetastasis: { system: SYSTEMS.snomed, code: '94222008', display: 'Secondary malignant neoplasm of bone' },
  present: { system: SYSTEMS.snomed, code: '52101004', display: 'Present' },
  pathologicalFracture: { system: SYSTEMS.snomed, code: '268029009', display: 'Pathological fracture' },
  tumorLongestDimension: { system: SYSTEMS.loinc, code: '33728-7', display: 'Size.maximum dimension in Tumor' },
  nature: ours('lesion-nature', 'Lesion nature (lytic, blastic, mixed)'),
  corticalBreach: ours('cortical-breach', 'Cortical breach'),
  softTissueExtension: ours('soft-tissue-extension', 'Soft-tissue extension'),
  epiduralExtension: ours('epidural-extension', 'Epidural extension'),
} as const satisfies Record<string, FullCoding>;

/** Our codes of the lesion natures. */
export const NATURE_CODES: Readonly<Record<NonNullable<Lesion['nature']>, FullCoding>> = {
  lytic: ours('lytic', 'Osteolytic bone lesion'),
  blastic: ours('blastic', 'Osteoblastic bone lesion'),
  mixed: ours('mixed', 'Mixed osteolytic and osteoblastic bone lesion'),
};

/** The code of each measured value: LOINC for the largest dimension, ours for the app's own measures. */
export const MEASUREMENT_CODES: Readonly<Record<MeasurementKey, FullCoding>> = {
  largestDimensionMm: FINDING_CODES.tumorLongestDimension,
  axialInvolvementMm: ours('axial-cortical-involvement', 'Axial cortical involvement (length of cortex destroyed along the bone)'),
  circumferentialInvolvementPct: ours('circumferential-cortical-involvement', 'Circumferential cortical involvement (destroyed arc / circumference)'),
  lesionWidthMm: ours('lesion-width', 'Lesion width across the bone (Mirels size)'),
  boneDiameterMm: ours('bone-diameter', 'Bone diameter at the lesion (Mirels size)'),
  corticalThicknessMm: ours('cortical-thickness', 'Cortical thickness at the lesion'),
  collapsePct: ours('vertebral-body-collapse', 'Vertebral body height loss'),
};
