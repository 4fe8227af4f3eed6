// An outside implementation of CLINICAL.md's scores and the README's urgency rule, written without
// reading shared/scoring. Every score is the SET of values the lesion's inputs allow: a missing or
// uncertain input widens the set; the urgency is the lowest and highest level those sets allow.
import type { Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { compare, divide, fraction, ratioOf, type Ratio } from './exact-number';

/** The values a score can take, sorted, no repeats. */
export type Possible = number[];
/** Whether a criterion is met: the values it can take. */
export type PossibleFlag = boolean[];

export type UrgencyLevel = 'routine' | 'surgical-opinion' | 'urgent' | 'emergency';
export const URGENCY_ORDER: readonly UrgencyLevel[] = ['routine', 'surgical-opinion', 'urgent', 'emergency'];

export interface OutsideScores {
  mirels: Possible | null;
  harrington: PossibleFlag;
  vanDerLinden: PossibleFlag;
  sins: Possible | null;
  escc: string[] | null;
  urgency: { lowest: UrgencyLevel; highest: UrgencyLevel };
}

interface Interval {
  lo: Ratio;
  hi: Ratio;
}

const LONG_BONES: Record<string, 'upper' | 'lower'> = { humerus: 'upper', radius: 'upper', ulna: 'upper', femur: 'lower', tibia: 'lower', fibula: 'lower' };
const DEFAULT_MAGNIFICATION = 1.3;

function sumSets(sets: Possible[]): Possible {
  let sums = new Set([0]);
  for (const set of sets) {
    const next = new Set<number>();
    for (const a of sums) for (const b of set) next.add(a + b);
    sums = next;
  }
  return [...sums].sort((a, b) => a - b);
}

function flags(canBeTrue: boolean, canBeFalse: boolean): PossibleFlag {
  return [...(canBeFalse ? [false] : []), ...(canBeTrue ? [true] : [])];
}

/** A length in the patient, as an interval; null where nothing is known in mm (missing or pixels). */
export function patientLength(measured: MeasuredMm | null): Interval | null {
  if (!measured || measured.spacingPlane === 'none') return null;
  const value = ratioOf(measured.value);
  if (measured.spacingPlane !== 'detector') return { lo: value, hi: value };
  // The record's factor is the header's, above the plausible 1.3 (lesion schema); 1.0-1.3 stays possible below it.
  return { lo: divide(value, ratioOf(Math.max(measured.maxMagnification ?? DEFAULT_MAGNIFICATION, DEFAULT_MAGNIFICATION))), hi: value };
}

/** Over a limit (strict > or >=): which answers an interval allows. */
function overLimit(interval: Interval | null, limit: Ratio, inclusive: boolean): PossibleFlag {
  if (!interval) return [false, true];
  const loMeets = inclusive ? compare(interval.lo, limit) >= 0 : compare(interval.lo, limit) > 0;
  const hiMeets = inclusive ? compare(interval.hi, limit) >= 0 : compare(interval.hi, limit) > 0;
  return flags(hiMeets, !loMeets);
}

function boolInput(value: boolean | null): PossibleFlag {
  return value === null ? [false, true] : [value];
}

/** Mirels' site points: the femoral neck and an unnamed femoral region may be peritrochanteric. */
function mirelsSite(lesion: Lesion): Possible {
  const limb = LONG_BONES[lesion.boneId]!;
  if (limb === 'upper') return [1];
  if (lesion.boneId !== 'femur') return [2];
  if (lesion.regionId === 'femur-intertrochanteric' || lesion.regionId === 'femur-subtrochanteric') return [3];
  if (lesion.regionId === 'femur-neck' || lesion.regionId === null) return [2, 3];
  return [2];
}

/** Within a few units of the last binary place of a threshold: a ratio computed from it, on it as computed. */
function nearInBinary(value: Ratio, threshold: Ratio): boolean {
  const x = Number(value.p) / Number(value.q);
  const t = Number(threshold.p) / Number(threshold.q);
  return Math.abs(x - t) <= 4 * Number.EPSILON * t;
}

/** Size points of a ratio interval: < 1/3 is 1, 1/3 to 2/3 is 2, > 2/3 is 3; an end in binary noise of a third is on it too. */
function sizeOfRatio(stored: Interval): Possible {
  const third = fraction(1, 3);
  const twoThirds = fraction(2, 3);
  let interval = stored;
  for (const t of [third, twoThirds]) {
    if (nearInBinary(interval.lo, t) && compare(t, interval.lo) < 0) interval = { ...interval, lo: t };
    if (nearInBinary(interval.hi, t) && compare(t, interval.hi) > 0) interval = { ...interval, hi: t };
  }
  const out: number[] = [];
  if (compare(interval.lo, third) < 0) out.push(1);
  if (compare(interval.hi, third) >= 0 && compare(interval.lo, twoThirds) <= 0) out.push(2);
  if (compare(interval.hi, twoThirds) > 0) out.push(3);
  return out;
}

function samePlane(a: MeasuredMm, b: MeasuredMm): boolean {
  const plane = (m: MeasuredMm) => (m.spacingPlane === 'detector' ? `detector@${Math.max(m.maxMagnification ?? DEFAULT_MAGNIFICATION, DEFAULT_MAGNIFICATION)}` : m.spacingPlane === 'none' ? 'none' : 'patient');
  return plane(a) === plane(b);
}

function mirelsSize(lesion: Lesion): Possible {
  const all = [1, 2, 3];
  if (lesion.mirelsSizeDefinition === 'circumferential-fraction') {
    const pct = lesion.circumferentialInvolvementPct;
    if (!pct) return all;
    const stored = divide(ratioOf(pct.value), fraction(100, 1));
    return sizeOfRatio({ lo: stored, hi: stored });
  }
  const width = lesion.lesionWidthMm;
  const diameter = lesion.boneDiameterMm;
  if (!width || !diameter || diameter.value === 0) return all;
  if (samePlane(width, diameter)) {
    const r = divide(ratioOf(width.value), ratioOf(diameter.value));
    return sizeOfRatio({ lo: r, hi: r });
  }
  const w = patientLength(width);
  const d = patientLength(diameter);
  if (!w || !d) return all;
  return sizeOfRatio({ lo: divide(w.lo, d.hi), hi: divide(w.hi, d.lo) });
}

function pick<T extends string>(value: T | null, table: Record<T, number>): Possible {
  if (value !== null) return [table[value]];
  return [...new Set(Object.values<number>(table))].sort((a, b) => a - b);
}

function mirels(lesion: Lesion): Possible | null {
  if (!LONG_BONES[lesion.boneId]) return null;
  return sumSets([
    mirelsSite(lesion),
    pick(lesion.nature, { blastic: 1, mixed: 2, lytic: 3 }),
    mirelsSize(lesion),
    pick(lesion.clinical.mirelsPain, { mild: 1, moderate: 2, functional: 3 }),
  ]);
}

/** Harrington's lesion >= 2.5 cm: the largest dimension, or a width or axial extent that exceeds it. */
function harringtonSize(lesion: Lesion): PossibleFlag {
  const limit = fraction(25, 1);
  const largest = patientLength(lesion.largestDimensionMm);
  const others = [patientLength(lesion.lesionWidthMm), patientLength(lesion.axialInvolvementMm)].filter((x): x is Interval => x !== null);
  const othersCanReach = others.some((o) => compare(o.hi, limit) >= 0);
  const othersSurelyReach = others.some((o) => compare(o.lo, limit) >= 0);
  if (!largest) return flags(true, !othersSurelyReach);
  const own = overLimit(largest, limit, true);
  return flags(own.includes(true) || othersCanReach, own.includes(false));
}

function harrington(lesion: Lesion): PossibleFlag {
  const criteria = [
    overLimit(pctInterval(lesion), fraction(50, 1), false),
    harringtonSize(lesion),
    lesion.boneId === 'femur' ? boolInput(lesion.clinical.lesserTrochanterAvulsion) : [false],
    boolInput(lesion.clinical.persistentPainAfterRadiotherapy),
  ];
  return flags(criteria.some((c) => c.includes(true)), criteria.every((c) => c.includes(false)));
}

function pctInterval(lesion: Lesion): Interval | null {
  const pct = lesion.circumferentialInvolvementPct;
  return pct ? { lo: ratioOf(pct.value), hi: ratioOf(pct.value) } : null;
}

function axialOver30(lesion: Lesion): PossibleFlag {
  return overLimit(patientLength(lesion.axialInvolvementMm), fraction(30, 1), false);
}

function circumferentialOver50(lesion: Lesion): PossibleFlag {
  return overLimit(pctInterval(lesion), fraction(50, 1), false);
}

function vanDerLinden(lesion: Lesion): PossibleFlag {
  const a = axialOver30(lesion);
  const c = circumferentialOver50(lesion);
  return flags(a.includes(true) || c.includes(true), a.includes(false) && c.includes(false));
}

/** The SINS location points a lesion on this bone and region can earn; null where SINS places none. */
function sinsLocation(lesion: Lesion): Possible | null {
  const pointsOf = (level: string): number => {
    const n = Number(level.slice(1));
    switch (level[0]) {
      case 'C':
        return n <= 2 || n === 7 ? 3 : 2;
      case 'T':
        return n <= 2 || n >= 11 ? 3 : 1;
      case 'L':
        return n === 1 || n === 5 ? 3 : 2;
      default:
        return n === 1 ? 3 : 0;
    }
  };
  if (lesion.boneId.startsWith('vertebra-')) return [pointsOf(lesion.boneId.slice('vertebra-'.length))];
  if (lesion.boneId === 'sacrum') {
    if (lesion.regionId) return [pointsOf(lesion.regionId.replace('sacrum-', '').toUpperCase())];
    return [0, 3];
  }
  return null;
}

function isSpinal(lesion: Lesion): boolean {
  return lesion.boneId.startsWith('vertebra-') || lesion.boneId === 'sacrum' || lesion.boneId === 'coccyx';
}

function collapseFromCategory(category: NonNullable<Lesion['spine']['collapse']>): number {
  return { 'over-50': 3, 'under-50': 2, 'none-over-50-involved': 1, 'none-of-these': 0 }[category];
}

function collapseFromPct(pct: number): Possible {
  const r = ratioOf(pct);
  const fifty = fraction(50, 1);
  if (pct === 0) return [0, 1];
  const c = compare(r, fifty);
  return c > 0 ? [3] : c < 0 ? [2] : [2, 3];
}

function sinsCollapse(lesion: Lesion): Possible {
  const { collapse, collapsePct } = lesion.spine;
  const fromPct = collapsePct ? collapseFromPct(collapsePct.value) : null;
  if (collapse === null) return fromPct ?? [0, 1, 2, 3];
  const fromCategory = collapseFromCategory(collapse);
  if (!fromPct || fromPct.includes(fromCategory)) return [fromCategory];
  return [...new Set([fromCategory, ...fromPct])].sort((a, b) => a - b);
}

function sins(lesion: Lesion): Possible | null {
  const location = sinsLocation(lesion);
  if (!location) return null;
  return sumSets([
    location,
    pick(lesion.clinical.sinsPain, { mechanical: 3, occasional: 1, 'pain-free': 0 }),
    pick(lesion.nature, { lytic: 2, mixed: 1, blastic: 0 }),
    pick(lesion.spine.alignment, { 'subluxation-translation': 4, 'de-novo-deformity': 2, normal: 0 }),
    sinsCollapse(lesion),
    pick(lesion.spine.posterolateralInvolvement, { bilateral: 3, unilateral: 1, none: 0 }),
  ]);
}

function escc(lesion: Lesion): string[] | null {
  if (!isSpinal(lesion)) return null;
  return lesion.spine.esccGrade === null ? ['0', '1a', '1b', '1c', '2', '3'] : [lesion.spine.esccGrade];
}

/** The urgency at the best (or worst) end of every possible input. */
function urgencyAt(end: 'lowest' | 'highest', s: Omit<OutsideScores, 'urgency'>, lesion: Lesion): UrgencyLevel {
  const can = (flag: PossibleFlag) => (end === 'highest' ? flag.includes(true) : !flag.includes(false));
  const value = (set: Possible | null) => (set === null ? null : end === 'highest' ? set[set.length - 1]! : set[0]!);
  const grade = s.escc ? (end === 'highest' ? s.escc[s.escc.length - 1]! : s.escc[0]!) : null;
  if ((grade !== null && (grade === '2' || grade === '3')) || can(boolInput(lesion.clinical.newNeurologicalDeficit))) return 'emergency';
  const sinsValue = value(s.sins);
  const mirelsValue = value(s.mirels);
  if ((sinsValue !== null && sinsValue >= 13) || (mirelsValue !== null && mirelsValue >= 9) || can(axialOver30(lesion)) || can(circumferentialOver50(lesion)) || can(boolInput(lesion.pathologicalFracture))) return 'urgent';
  if ((sinsValue !== null && sinsValue >= 7) || mirelsValue === 8 || can(s.harrington)) return 'surgical-opinion';
  return 'routine';
}

/** Every score of a lesion as the set of values its inputs allow, and the urgency's lowest and highest level. */
export function outsideScores(lesion: Lesion): OutsideScores {
  const scores = { mirels: mirels(lesion), harrington: harrington(lesion), vanDerLinden: vanDerLinden(lesion), sins: sins(lesion), escc: escc(lesion) };
  return { ...scores, urgency: { lowest: urgencyAt('lowest', scores, lesion), highest: urgencyAt('highest', scores, lesion) } };
}
