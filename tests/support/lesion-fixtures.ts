import { LesionSchema, LESION_SCHEMA_VERSION, unknownFindings, type Lesion, type ClinicalInputs, type SpineInputs } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';

/** A typed measurement. */
export function typed(value: number): MeasuredMm {
  return { value, provenance: { source: 'typed' } };
}

/** A measurement taken from an annotation. */
export function fromAnnotation(value: number, annotationId = 'ann-1'): MeasuredMm {
  return { value, provenance: { source: 'annotation', annotationId } };
}

type Overrides = Partial<Omit<Lesion, 'clinical' | 'spine'>> & { clinical?: Partial<ClinicalInputs>; spine?: Partial<SpineInputs> };

/** A lesion record by reader AB (as the tests sign in) with every input unknown (null), validated by the schema, then the overrides. */
export function makeLesion(overrides: Overrides = {}): Lesion {
  const { clinical, spine, ...rest } = overrides;
  const unknown = unknownFindings();
  return LesionSchema.parse({
    schemaVersion: LESION_SCHEMA_VERSION,
    id: '3f0e6a52-0a8b-4a55-9a43-1c2b7b0f9d11',
    trackingUid: '2.25.1234567890',
    studyInstanceUid: '1.2.3.4',
    seriesInstanceUid: '1.2.3.4.5',
    boneId: 'femur',
    regionId: 'femur-diaphysis',
    laterality: 'left',
    ...unknown,
    status: 'draft',
    reader: 'AB',
    createdAt: '2026-01-02T10:00:00Z',
    updatedAt: '2026-01-02T10:05:00+01:00',
    ...rest,
    clinical: { ...unknown.clinical, ...clinical },
    spine: { ...unknown.spine, ...spine },
  });
}

/** A vertebral lesion at a level, every input unknown unless overridden. */
export function makeSpineLesion(level: string, overrides: Overrides = {}): Lesion {
  return makeLesion({ boneId: `vertebra-${level}`, regionId: null, laterality: 'midline', ...overrides });
}
