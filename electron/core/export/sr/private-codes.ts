import type { Code } from '../dicom/codes';

/**
 * The app's private coding scheme (PS3.3 8.2: designators starting "99" are private). Used only
 * where no standard code could be verified against a public copy of PS3.16 or SNOMED CT:
 * - lesion nature: no SNOMED CT concept for osteolytic / osteoblastic / mixed bone lesion was found
 *   in PS3.16 (pydicom's generated dictionaries), dcmqi, highdicom or other public sources, so
 *   BM-LYTIC, BM-BLASTIC and BM-MIXED stand in; replace them when a verified code is adopted;
 * - the app's own measurements (cortical involvement, Mirels size inputs), clinical inputs and
 *   scores, which no standard defines;
 * - the record items that make an SR restorable (record UIDs, reader, timestamps, JSON record).
 * Code values up to 16 characters go in Code Value, longer ones in Long Code Value (PS3.3 8.8).
 */
export const PRIVATE_SCHEME = '99BONEMET';

/** The Coding Scheme Identification item that names the private scheme in every object written. */
export const PRIVATE_SCHEME_IDENTIFICATION = {
  CodingSchemeDesignator: PRIVATE_SCHEME,
  CodingSchemeName: 'BoneMet Review private codes',
  CodingSchemeResponsibleOrganization: 'BoneMet Review project',
};

/** A private code of the app's scheme. */
export function bm(value: string, meaning: string): Code {
  return { value, scheme: PRIVATE_SCHEME, meaning };
}

/** Private concept names and values, by what they stand for. */
export const BM = {
  lytic: bm('BM-LYTIC', 'Osteolytic bone lesion'),
  blastic: bm('BM-BLASTIC', 'Osteoblastic bone lesion'),
  mixed: bm('BM-MIXED', 'Mixed osteolytic and osteoblastic bone lesion'),
  lesionRecordUid: bm('BM-LESION-UID', 'Lesion record UID'),
  reader: bm('BM-READER', 'Reader initials'),
  createdAt: bm('BM-CREATED', 'Record created'),
  updatedAt: bm('BM-UPDATED', 'Record last updated'),
  status: bm('BM-STATUS', 'Record status'),
  note: bm('BM-NOTE', "Reader's note"),
  record: bm('BM-RECORD', 'BoneMet record (JSON)'),
  typed: bm('BM-TYPED', 'Value entered by the reader'),
  measuredOnAnnotation: bm('BM-ANNOTATION', 'Measured on an image annotation'),
  sourceAnnotation: bm('BM-SRC-ANN', 'Source annotation id'),
  annotation: bm('BM-ANN', 'Image annotation'),
  annotationUid: bm('BM-ANN-UID', 'Annotation UID'),
  annotationLabel: bm('BM-ANN-LABEL', 'Annotation label'),
  viewPlane: bm('BM-VIEW-PLANE', 'Reformat plane: normal and view-up'),
  pixelPlane: bm('BM-PIXEL-PLANE', 'Viewer plane of the image: origin, directions, spacing'),
  spacingPlane: bm('BM-SPACING-PLANE', 'Plane the lengths in mm lie in (patient, detector, corrected)'),
  urgency: bm('BM-URGENCY', 'Referral urgency'),
  urgencyReason: bm('BM-URGENCY-WHY', 'Reason for the referral urgency'),
  urgencyWorstCase: bm('BM-URGENCY-WORST', 'Referral urgency if missing inputs are worst'),
  urgencyIf: bm('BM-URGENCY-IF', 'Urgency a missing input could raise'),
  urgencyMissing: bm('BM-URGENCY-MISSING', 'Input deciding the urgency'),
  rangeMin: bm('BM-RANGE-MIN', 'Lowest possible total'),
  rangeMax: bm('BM-RANGE-MAX', 'Highest possible total'),
  scoreRuleSet: bm('BM-RULES', 'Score rule set'),
  computed: bm('BM-COMPUTED', 'Computed by image analysis, accepted by the reader'),
  analysisSection: bm('BM-SECTION', 'Bone analysis section the value was taken on'),
  sectionPosition: bm('BM-SECTION-POS', 'Section position along the bone axis'),
  sectionCentreX: bm('BM-SECTION-X', 'Section centre, patient x'),
  sectionCentreY: bm('BM-SECTION-Y', 'Section centre, patient y'),
  sectionCentreZ: bm('BM-SECTION-Z', 'Section centre, patient z'),
  ctraEaRatio: bm('BM-CTRA-EA', 'Lowest axial rigidity ratio (CTRA, experimental)'),
  ctraEiMinRatio: bm('BM-CTRA-EI', 'Lowest minimum bending rigidity ratio (CTRA, experimental)'),
  ctraGjRatio: bm('BM-CTRA-GJ', 'Lowest torsional rigidity ratio (CTRA, experimental)'),
  ctraFlag: bm('BM-CTRA-FLAG', 'Rigidity reduction over 35% (CTRA, experimental)'),
  boneAnalysis: bm('BM-BONE-ANALYSIS', 'Bone analysis summary (JSON)'),
} as const satisfies Record<string, Code>;

/** The tool's code ("BM-TOOL-Length"): the annotation kind a reader drew. */
export function toolCode(tool: string): Code {
  return bm(`BM-TOOL-${tool}`, tool);
}

/** The concept of one measurement an annotation carries, named by its key ("lengthMm"). */
export function annotationMeasurementCode(key: string): Code {
  return bm(`BM-MEAS-${key}`, key.slice(0, 64));
}

/** The concept of a score total ("BM-SCORE-mirels"). */
export function scoreCode(score: string, name: string): Code {
  return bm(`BM-SCORE-${score}`, name.slice(0, 64));
}

/** The concept of one component of a score ("BM-SCORE-mirels-site"). */
export function scoreComponentCode(score: string, component: string, name: string): Code {
  return bm(`BM-SCORE-${score}-${component}`, name.slice(0, 64));
}

/** The concept of a score's interpretation band, and the value code of one band. */
export function scoreBandCode(score: string): Code {
  return bm(`BM-BAND-${score}`, `Band of ${score}`);
}
