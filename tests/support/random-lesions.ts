import { BONES } from '@shared/anatomy/catalogue';
import { LESION_SCHEMA_VERSION, type Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { acceptedAnalysis, computed, fromAnnotation } from './lesion-fixtures';
import { deriveSeed, seededRandom, type SeededRandom } from './seeded-random';

// Random lesion records for the independent check of the scores: every bone of the catalogue
// (long bones and the spine more often), every category of every input, each input missing about
// a third of the time, and measured values drawn half the time from the thresholds of CLINICAL.md
// (25 mm, 30 mm, 50%, one and two thirds) and their nearest neighbours, down to the thousandth
// that two-decimal rounding would show on the threshold. A length drawn on an image sometimes lies
// at a radiograph's detector, in pixels, or on a calibrated radiograph (README: "mm (detector)").

const LONG_BONES = BONES.filter((b) => b.kind === 'long-bone');
const SPINE = BONES.filter((b) => b.kind === 'vertebra' || b.id === 'sacrum');
const OTHER = BONES.filter((b) => !LONG_BONES.includes(b) && !SPINE.includes(b));

// 32.5 and 39 mm at the detector are 25 and 30 mm in the patient at the largest magnification (1.3).
const LARGEST_MM = [24.9, 24.999, 25, 25.004, 25.1, 0, 250, 32.499, 32.5, 32.501];
const AXIAL_MM = [29.9, 29.996, 30, 30.004, 30.1, 0, 38.999, 39, 39.001];
const CIRCUMFERENTIAL_PCT = [0, 29.9, 30, 33.3, 33.333, 33.334, 33.4, 49.9, 49.996, 50, 50.004, 50.1, 66.6, 66.666, 66.667, 66.7, 100];
const COLLAPSE_PCT = [0, 0.001, 0.1, 49.9, 49.996, 50, 50.004, 50.1, 100];
/** Width / diameter pairs exactly at 1/3 and 2/3 (in decimals a reader types), just beside, and zero. */
const WIDTH_DIAMETER: ReadonlyArray<readonly [number, number]> = [
  [10, 30], [20, 30], [0.1, 0.3], [0.2, 0.3], [7, 21], [14, 21], [33.3, 99.9], [66.6, 99.9],
  [9.9, 30], [10.1, 30], [19.9, 30], [20.1, 30], [30, 30], [45, 30], [0, 30], [10, 0],
  [19.99, 30], [10.01, 30], [9.99, 30], [20.01, 30],
  // On the thirds when one of the two is at a radiograph's detector and magnified 1.3 times.
  [13, 30], [26, 30], [10, 39], [20, 39], [12.99, 30], [26.01, 30],
];

/** A value typed, measured on a drawing, or computed by the bone analysis: the reasons quote each the same way. */
function measuredFrom(r: SeededRandom, value: number): MeasuredMm {
  const source = r.pick(['typed', 'typed', 'annotation', 'computed'] as const);
  if (source === 'annotation') return fromAnnotation(value, `ann-${r.int(1, 99)}`);
  return source === 'computed' ? computed(value, r.int(-200, 200) / 4) : { value, provenance: { source: 'typed' } };
}

/** A length: as measuredFrom, and a drawn one a third of the time in a radiograph's plane (detector, pixels, calibrated). */
function measuredLength(r: SeededRandom, value: number): MeasuredMm {
  const measured = measuredFrom(r, value);
  if (measured.provenance.source !== 'annotation' || !r.chance(0.33)) return measured;
  const spacingPlane = r.pick(['detector', 'detector', 'none', 'calibrated'] as const);
  // A radiograph whose header states a magnification over 1.3 carries it as the length's bound.
  if (spacingPlane === 'detector' && r.chance(0.3)) return { ...measured, spacingPlane, maxMagnification: r.pick([1.85, 2.5, 100]) };
  return { ...measured, spacingPlane };
}

/** A value in 0.1 mm steps below `max`, or (half the time) one of the boundary values. */
function measured(r: SeededRandom, boundaries: readonly number[], max: number): number {
  return r.chance(0.5) ? r.pick(boundaries) : r.int(0, max * 10 + 1) / 10;
}

/** One random lesion record, valid for the lesion schema. */
export function randomLesionRecord(r: SeededRandom, index: number): Lesion {
  const group = r.pick([LONG_BONES, LONG_BONES, SPINE, SPINE, OTHER]);
  const bone = r.pick(group);
  const missing = () => r.chance(0.33);
  const maybe = <T,>(make: () => T): T | null => (missing() ? null : make());
  const pick = <T,>(items: readonly T[]) => maybe(() => r.pick(items));
  const pair = r.chance(0.5) ? r.pick(WIDTH_DIAMETER) : ([r.int(0, 600) / 10, r.int(1, 600) / 10] as const);
  return {
    schemaVersion: LESION_SCHEMA_VERSION,
    id: `0c000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    trackingUid: `2.25.${index + 1}`,
    studyInstanceUid: '1.2.3.4',
    seriesInstanceUid: '1.2.3.4.5',
    boneId: bone.id,
    regionId: bone.regions.length > 0 ? pick(bone.regions.map((x) => x.id)) : null,
    laterality: bone.paired ? pick(['left', 'right'] as const) : pick(['midline'] as const),
    nature: pick(['lytic', 'mixed', 'blastic'] as const),
    largestDimensionMm: maybe(() => measuredLength(r, measured(r, LARGEST_MM, 200))),
    lesionWidthMm: maybe(() => measuredLength(r, pair[0])),
    boneDiameterMm: maybe(() => measuredLength(r, pair[1])),
    corticalThicknessMm: maybe(() => measuredLength(r, r.int(1, 100) / 10)),
    mirelsSizeDefinition: r.chance(0.3) ? 'circumferential-fraction' : 'width-over-diameter',
    circumferentialInvolvementPct: maybe(() => measuredFrom(r, measured(r, CIRCUMFERENTIAL_PCT, 100))),
    axialInvolvementMm: maybe(() => measuredLength(r, measured(r, AXIAL_MM, 120))),
    corticalBreach: pick([true, false]),
    pathologicalFracture: r.chance(0.6) ? false : pick([true, false]),
    softTissueExtension: pick([true, false]),
    epiduralExtension: pick([true, false]),
    clinical: {
      mirelsPain: pick(['mild', 'moderate', 'functional'] as const),
      sinsPain: pick(['mechanical', 'occasional', 'pain-free'] as const),
      newNeurologicalDeficit: r.chance(0.6) ? false : pick([true, false]),
      lesserTrochanterAvulsion: pick([true, false]),
      persistentPainAfterRadiotherapy: pick([true, false]),
    },
    spine: {
      alignment: pick(['subluxation-translation', 'de-novo-deformity', 'normal'] as const),
      collapse: r.chance(0.4) ? null : pick(['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'] as const),
      collapsePct: maybe(() => measuredFrom(r, measured(r, COLLAPSE_PCT, 100))),
      posterolateralInvolvement: pick(['bilateral', 'unilateral', 'none'] as const),
      esccGrade: pick(['0', '1a', '1b', '1c', '2', '3'] as const),
    },
    attachedAnnotationIds: [],
    // An accepted rigidity, flagged or not, sits beside the scores and never raises the urgency (README).
    boneAnalysis: bone.kind === 'long-bone' && r.chance(0.2) ? acceptedAnalysis(r.pick([0.4, 0.65, 0.9])) : null,
    note: '',
    status: r.pick(['draft', 'final'] as const),
    reader: 'AB',
    createdAt: '2026-01-02T10:00:00Z',
    updatedAt: '2026-01-02T10:05:00Z',
  };
}

/** `count` random lesion records from a seed; record i is the same whatever the count. */
export function randomLesionRecords(seed: number, count: number): Lesion[] {
  return Array.from({ length: count }, (_, i) => randomLesionRecord(seededRandom(deriveSeed(seed, i)), i));
}
