// Seeded random lesion records for the outside checker, drawn where the scores decide: many inputs
// missing at once, values on each limit and one ULP either side, radiograph lengths at the detector
// (at a limit times their magnification), every site including the ambiguous ones.
import type { Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm, MeasuredPct } from '@shared/lesion/measurement';

/** mulberry32: a small seeded generator, so that a failing lesion can be drawn again. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const buffer = new DataView(new ArrayBuffer(8));
/** The next double up (+1) or down (-1) from a positive finite number. */
export function ulpStep(value: number, direction: 1 | -1): number {
  if (value === 0) return direction > 0 ? Number.MIN_VALUE : 0;
  buffer.setFloat64(0, value);
  buffer.setBigUint64(0, buffer.getBigUint64(0) + BigInt(direction));
  return buffer.getFloat64(0);
}

const SITES: ReadonlyArray<[string, ReadonlyArray<string | null>, number]> = [
  ['femur', [null, 'femur-head', 'femur-neck', 'femur-neck', 'femur-intertrochanteric', 'femur-subtrochanteric', 'femur-subtrochanteric', 'femur-diaphysis', 'femur-distal'], 14],
  ['humerus', [null, 'humerus-head', 'humerus-head', 'humerus-proximal', 'humerus-diaphysis', 'humerus-distal'], 6],
  ['tibia', [null, 'tibia-proximal', 'tibia-diaphysis', 'tibia-distal'], 3],
  ['fibula', [null, 'fibula-diaphysis'], 1],
  ['radius', [null, 'radius-distal'], 1],
  ['ulna', [null, 'ulna-proximal'], 1],
  ...['C1', 'C2', 'C3', 'C6', 'C7', 'T1', 'T2', 'T3', 'T10', 'T11', 'T12', 'L1', 'L2', 'L4', 'L5', 'S1', 'S2', 'S5'].map((level): [string, ReadonlyArray<string | null>, number] => [`vertebra-${level}`, [null], 1.5]),
  ['coccyx', [null], 1],
  ['sacrum', [null, null, 'sacrum-s1', 'sacrum-s2', 'sacrum-s5'], 4],
  ['ilium', [null], 1.5],
  ['acetabulum', [null], 1.5],
  ['pubis', [null], 0.5],
  ['ischium', [null], 0.5],
  ['rib-7', [null], 1],
  ['sternum', [null], 0.5],
  ['clavicle', [null], 0.5],
  ['scapula', [null], 0.5],
  ['skull', [null], 0.5],
];
const PAIRED = new Set(['femur', 'humerus', 'tibia', 'fibula', 'radius', 'ulna', 'ilium', 'acetabulum', 'pubis', 'ischium', 'rib-7', 'clavicle', 'scapula']);
const MAGNIFICATIONS = [1.05, 1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.5, 1.7, 2, 2.5, 3, 100];

export class ThresholdLesions {
  private readonly random: () => number;
  private count = 0;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private oneOf<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private nullable<T>(p: number, make: () => T): T | null {
    return this.chance(p) ? null : make();
  }

  /** A value on `limit`, one ULP either side, at the limit times a magnification, in cm by mistake, or anywhere. */
  private nearLimit(limit: number, spread: number): number {
    const roll = this.random();
    if (roll < 0.2) return limit;
    if (roll < 0.35) return ulpStep(limit, this.chance(0.5) ? 1 : -1);
    if (roll < 0.5) return Number((limit * this.oneOf(MAGNIFICATIONS)).toFixed(this.oneOf([1, 2, 6, 12])));
    if (roll < 0.55) return limit * this.oneOf(MAGNIFICATIONS);
    if (roll < 0.6) return limit / 10; // a length typed in cm
    return Number((this.random() * spread).toFixed(this.oneOf([0, 1, 2])));
  }

  private length(limit: number, spread: number, magnification?: number): MeasuredMm {
    const value = this.nearLimit(limit, spread);
    const roll = this.random();
    const base: MeasuredMm = { value, provenance: { source: 'typed' } };
    if (roll < 0.4) return base;
    if (roll < 0.5) return { ...base, spacingPlane: this.oneOf(['patient', 'calibrated', 'magnification-corrected'] as const) };
    if (roll < 0.55) return { ...base, spacingPlane: 'none' };
    const factor = magnification ?? this.oneOf([undefined, undefined, ...MAGNIFICATIONS.filter((m) => m > 1.3)]);
    const detector: MeasuredMm = { ...base, spacingPlane: 'detector', ...(factor !== undefined ? { maxMagnification: factor } : {}) };
    if (magnification !== undefined && this.chance(0.5)) detector.value = Number((limit * magnification).toFixed(this.oneOf([1, 3, 9])));
    return detector;
  }

  private pct(limit: number): MeasuredPct {
    const special = [50, ulpStep(50, 1), ulpStep(50, -1), 100 / 3, 200 / 3, ulpStep(200 / 3, 1), ulpStep(200 / 3, -1), ulpStep(100 / 3, -1), 66.67, 66.66, 33.33, 33.34, 30, 100, 0];
    const value = this.chance(0.6) ? this.oneOf(special) : this.nearLimit(limit, 100);
    return { value: Math.min(100, value), provenance: { source: 'typed' } };
  }

  /** Width and diameter on (or a ULP off) a third or two thirds of each other, in one plane or two. */
  private widthAndDiameter(): { lesionWidthMm: MeasuredMm | null; boneDiameterMm: MeasuredMm | null } {
    const diameterValue = this.oneOf([30, 27, 24, 21.3, 33, 18.9, 25.5, 45, 0.3]);
    const fractionOf = this.oneOf([1 / 3, 2 / 3, 0.5, 0.2, 0.9, 1.1]);
    let widthValue = Number((diameterValue * fractionOf).toFixed(this.oneOf([1, 2, 4, 15])));
    if (this.chance(0.3)) widthValue = ulpStep(widthValue, this.chance(0.5) ? 1 : -1);
    const magnification = this.oneOf([1.3, 1.4, 1.5, 2]);
    if (this.chance(0.25)) widthValue = Number((diameterValue * fractionOf * magnification).toFixed(this.oneOf([2, 9])));
    const dressed = (value: number): MeasuredMm => {
      const roll = this.random();
      const base: MeasuredMm = { value, provenance: { source: 'typed' } };
      if (roll < 0.45) return base;
      if (roll < 0.55) return { ...base, spacingPlane: 'calibrated' };
      if (roll < 0.6) return { ...base, spacingPlane: 'none' };
      return { ...base, spacingPlane: 'detector', ...(this.chance(0.6) ? { maxMagnification: this.chance(0.5) ? magnification : this.oneOf(MAGNIFICATIONS.filter((m) => m > 1.3)) } : {}) };
    };
    return { lesionWidthMm: this.nullable(0.3, () => dressed(widthValue)), boneDiameterMm: this.nullable(0.3, () => dressed(diameterValue)) };
  }

  private site(): { boneId: string; regionId: string | null } {
    const total = SITES.reduce((sum, [, , w]) => sum + w, 0);
    let roll = this.random() * total;
    for (const [boneId, regions, weight] of SITES) {
      roll -= weight;
      if (roll <= 0) return { boneId, regionId: this.oneOf(regions) };
    }
    return { boneId: 'femur', regionId: null };
  }

  /** The next lesion record. */
  next(): Lesion {
    this.count += 1;
    const n = this.count;
    const missing = this.oneOf([0.1, 0.4, 0.7, 0.95]); // how much of this record is unknown
    const { boneId, regionId } = this.site();
    const hex = n.toString(16).padStart(12, '0');
    const magnification = this.chance(0.3) ? this.oneOf(MAGNIFICATIONS) : undefined;
    return {
      schemaVersion: 4,
      id: `00000000-0000-4000-8000-${hex}`,
      trackingUid: `2.25.${n}`,
      studyInstanceUid: '2.25.900',
      seriesInstanceUid: '2.25.901',
      boneId,
      regionId,
      laterality: PAIRED.has(boneId) ? this.oneOf(['left', 'right'] as const) : this.oneOf(['midline', null] as const),
      nature: this.nullable(missing, () => this.oneOf(['lytic', 'blastic', 'mixed'] as const)),
      largestDimensionMm: this.nullable(missing, () => this.length(25, 60, magnification)),
      ...this.widthAndDiameter(),
      corticalThicknessMm: null,
      mirelsSizeDefinition: this.chance(0.8) ? 'width-over-diameter' : 'circumferential-fraction',
      circumferentialInvolvementPct: this.nullable(missing, () => this.pct(50)),
      axialInvolvementMm: this.nullable(missing, () => this.length(30, 70, magnification)),
      corticalBreach: this.nullable(missing, () => this.chance(0.5)),
      pathologicalFracture: this.nullable(missing, () => this.chance(0.15)),
      softTissueExtension: null,
      epiduralExtension: null,
      clinical: {
        mirelsPain: this.nullable(missing, () => this.oneOf(['mild', 'moderate', 'functional'] as const)),
        sinsPain: this.nullable(missing, () => this.oneOf(['mechanical', 'occasional', 'pain-free'] as const)),
        newNeurologicalDeficit: this.nullable(missing, () => this.chance(0.1)),
        lesserTrochanterAvulsion: this.nullable(missing, () => this.chance(0.2)),
        persistentPainAfterRadiotherapy: this.nullable(missing, () => this.chance(0.3)),
      },
      spine: {
        alignment: this.nullable(missing, () => this.oneOf(['subluxation-translation', 'de-novo-deformity', 'normal'] as const)),
        collapse: this.nullable(missing, () => this.oneOf(['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'] as const)),
        collapsePct: this.nullable(missing, () => ({ value: this.oneOf([50, ulpStep(50, 1), ulpStep(50, -1), 0, Number.MIN_VALUE, 25, 68, 49.99, 50.01, 100]), provenance: { source: 'typed' as const } })),
        posterolateralInvolvement: this.nullable(missing, () => this.oneOf(['bilateral', 'unilateral', 'none'] as const)),
        esccGrade: this.nullable(missing, () => this.oneOf(['0', '1a', '1b', '1c', '1c', '1c', '2', '2', '3'] as const)),
      },
      attachedAnnotationIds: [],
      boneAnalysis: null,
      note: '',
      status: 'draft',
      reader: 'OC',
      createdAt: '2026-12-07T00:00:00.000Z',
      updatedAt: '2026-12-07T00:00:00.000Z',
    };
  }
}
