import { LesionSchema, LESION_SCHEMA_VERSION, unknownFindings, type Lesion, type ClinicalInputs, type SpineInputs } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import type { BoneAnalysisSummary } from '@shared/analysis/bone-analysis-summary';
import {
  DRAGOMIR_DAESCU_DENSITY,
  DRAGOMIR_DAESCU_MODULUS,
  POISSON_RATIO,
  RIGIDITY_CRITERION,
  RIGIDITY_FLAG_RATIO,
  TISSUE_REFERENCE_HU,
  type CtraConstants,
} from '@shared/analysis/ctra-constants';

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

/** The method the bone analysis stamps on its values, as a test's computed values carry it. */
export const TEST_METHOD = { algorithmName: 'BoneMet cortical involvement and CT rigidity analysis', algorithmVersion: '1.0.0' } as const;

/**
 * A value computed by the bone analysis on sections at patient z (one; two for an axial extent),
 * each section's index and position made from its z.
 */
export function computed(value: number, ...zs: number[]): MeasuredMm {
  const sections = zs.map((z) => ({ index: Math.round(z + 100), positionMm: z + 18.75, centre: [96, -8, z] as [number, number, number] }));
  return { value, provenance: { source: 'computed', method: { ...TEST_METHOD }, sections } };
}

/**
 * An accepted bone analysis whose lowest ratio is EI-min `lowest` at z -24.75 mm (section 74),
 * against the contralateral femur, with the default constants: flagged at 0.65 and below.
 */
export function acceptedAnalysis(lowest: number): BoneAnalysisSummary {
  const constants: CtraConstants = {
    calibration: { kind: 'tissues', measuredHu: { air: -999, fat: -99, muscle: 51 }, referenceHu: { ...TISSUE_REFERENCE_HU }, slope: 1, interceptHu: -1, note: 'Phantom-less: 3 reference tissues.' },
    density: DRAGOMIR_DAESCU_DENSITY,
    modulus: DRAGOMIR_DAESCU_MODULUS,
    poissonRatio: POISSON_RATIO,
    flagAtOrBelowRatio: RIGIDITY_FLAG_RATIO,
    units: { ea: 'N', eiMin: 'N mm2', gj: 'N mm2' },
    criterion: RIGIDITY_CRITERION,
  };
  const profile = Array.from({ length: 5 }, (_, k) => ({
    index: 72 + k,
    positionMm: -8 + k,
    zMm: -26.75 + k,
    ea: 4e6,
    eiMin: k === 2 ? 2.6e8 * lowest : 2.6e8,
    gj: 2e8,
    referenceEa: 5e6,
    referenceEiMin: 2.6e8,
    referenceGj: 2.1e8,
    involvementPct: k === 2 ? 55 : 0,
  }));
  const at = { sectionIndex: 74, position: -6, point: [96, -8, -24.75] as [number, number, number] };
  return {
    method: { ...TEST_METHOD },
    seriesInstanceUid: '1.2.3.4.5',
    at: [102.7, -14.7, -18.75],
    rigidity: {
      experimental: true,
      eaRatio: 0.8,
      eiMinRatio: lowest,
      gjRatio: 0.95,
      at: { ...at, governing: 'eiMin' },
      lowestAt: { ea: at, eiMin: at, gj: at },
      flagged: lowest <= RIGIDITY_FLAG_RATIO,
      constants,
    },
    reference: { kind: 'contralateral', foundBy: 'mirrored', note: 'Contralateral bone found at the click mirrored across the body’s midline.' },
    involved: { firstSection: 74, lastSection: 74 },
    profile,
  };
}
