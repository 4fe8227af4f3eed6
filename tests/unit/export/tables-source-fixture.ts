import { ANNOTATION_SCHEMA_VERSION, type Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { StudyExportSourceSchema, type StudyExportSource } from '../../../electron/core/export/study-export-source';
import { fromAnnotation, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

// A study whose values are chosen to break naive exporters: quotes, commas, line breaks,
// non-Latin text, numbers next to thresholds, a patient ID with a comma.

export const STUDY_UID = '1.2.826.0.1.3680043.8.498.1';
export const SERIES_UID = '1.2.826.0.1.3680043.8.498.1.1';
export const SOP_UIDS = ['1.2.826.0.1.3680043.8.498.1.1.1', '1.2.826.0.1.3680043.8.498.1.1.2'];

const base = { studyInstanceUid: STUDY_UID, seriesInstanceUid: SERIES_UID, reader: 'AB', status: 'final' as const };

/** Urgent femur (axial 34 mm from an annotation), emergency T11 (ESCC 2), routine humerus with tricky numbers. */
export const FIXTURE_LESIONS: Lesion[] = [
  makeLesion({
    ...base,
    id: 'b0000000-0000-4000-8000-000000000001',
    trackingUid: '2.25.101',
    nature: 'lytic',
    axialInvolvementMm: fromAnnotation(34, 'c0000000-0000-4000-8000-000000000001'),
    circumferentialInvolvementPct: typed(62),
    // The reader chose the CT definition of Mirels size: the exports must carry the choice.
    mirelsSizeDefinition: 'circumferential-fraction',
    clinical: { mirelsPain: 'moderate' },
    note: 'He said "ouch",\r\nthen left; a, b\nÆrø 日本 ',
  }),
  makeSpineLesion('T11', { ...base, id: 'b0000000-0000-4000-8000-000000000002', trackingUid: '2.25.102', nature: 'mixed', spine: { esccGrade: '2' }, status: 'draft' }),
  makeLesion({
    ...base,
    id: 'b0000000-0000-4000-8000-000000000003',
    trackingUid: '2.25.103',
    boneId: 'humerus',
    regionId: 'humerus-diaphysis',
    laterality: 'right',
    nature: 'blastic',
    lesionWidthMm: typed(0.1 + 0.2),
    boneDiameterMm: typed(30.001),
    largestDimensionMm: typed(24.999),
    circumferentialInvolvementPct: typed(12.5),
    // Recorded, so that the humerus is routine at worst too (unknown, it could be urgent over 30 mm;
    // unknown neurology, an emergency).
    axialInvolvementMm: typed(20),
    pathologicalFracture: false,
    clinical: { mirelsPain: 'mild', persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    note: '=SUM(A1:A2)',
    reader: 'CD',
  }),
];

/** A Length annotation of the first lesion on the first instance. */
export const FIXTURE_ANNOTATION: Annotation = {
  schemaVersion: ANNOTATION_SCHEMA_VERSION,
  id: 'c0000000-0000-4000-8000-000000000001',
  lesionId: FIXTURE_LESIONS[0]!.id,
  studyInstanceUid: STUDY_UID,
  seriesInstanceUid: SERIES_UID,
  sopInstanceUid: SOP_UIDS[0]!,
  frameNumber: 1,
  frameOfReferenceUid: '1.2.826.0.1.3680043.8.498.9',
  viewPlaneNormal: null,
  viewUp: null,
  tool: 'Length',
  points: [[10, 20, -30], [10, 54, -30]],
  text: null,
  measurements: { lengthMm: 34 },
  reader: 'AB',
  createdAt: '2026-01-02T10:00:00Z',
  updatedAt: '2026-01-02T10:00:00Z',
};

/** An export source for the fixture study; pass lesions to replace the default ones. */
export function fixtureSource(lesions: Lesion[] = FIXTURE_LESIONS): StudyExportSource {
  return StudyExportSourceSchema.parse({
    study: {
      studyInstanceUid: STUDY_UID,
      patientName: "O'BRIEN^Ærø Jane",
      patientId: 'ID,"7" ',
      patientBirthDate: '1962-07-04',
      patientSex: 'F',
      studyDate: '2024-01-15',
      studyTime: '093000',
      accessionNumber: '',
      description: 'CT thighs, spine',
      modalities: ['CT'],
      seriesCount: 1,
      instanceCount: 2,
    },
    series: [
      {
        seriesInstanceUid: SERIES_UID,
        studyInstanceUid: STUDY_UID,
        modality: 'CT',
        seriesNumber: 3,
        description: 'Axial',
        bodyPart: '',
        instanceCount: 2,
        frameCount: 2,
        thumbnailInstanceId: 1,
        instances: SOP_UIDS.map((uid, i) => ({
          id: i + 1,
          sopInstanceUid: uid,
          sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
          transferSyntaxUid: '1.2.840.10008.1.2.1',
          instanceNumber: i + 1,
          rows: 4,
          columns: 4,
          frames: 1,
          pixelSpacing: [1, 1],
          measurementSpacing: { spacing: [1, 1], plane: 'patient' },
          sliceThickness: 1,
          imagePositionPatient: [0, 0, -30 - i],
          imageOrientationPatient: [1, 0, 0, 0, 1, 0],
          hasPixelData: true,
        })),
      },
    ],
    lesions: lesions.map((lesion) => ({ lesion, scores: scoreLesion(lesion) })),
    annotations: [FIXTURE_ANNOTATION],
    readerNames: { AB: 'Anna Berg', CD: 'Carl Dahl' },
    exportingReader: { initials: 'AB', name: 'Anna Berg' },
    appVersion: '0.1.0-test',
    exportedAt: '2026-02-03T04:05:06.000Z',
  });
}
