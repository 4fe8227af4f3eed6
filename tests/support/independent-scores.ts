import { getBone } from '@shared/anatomy/catalogue';
import type { Lesion } from '@shared/lesion/lesion';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { compareExactRatio, exactRatioBand, type RatioBand } from './exact-decimal';

// An independent implementation of the scores, written from /work/shared/CLINICAL.md alone (not
// from shared/scoring), to check the product on random lesions. It scores only complete records;
// a record with missing inputs is scored by enumerating every completion of its missing inputs
// over values that cover each threshold's sides, so a range is min..max over those completions and
// an urgency's worst case the highest any completion gives. Only the bone catalogue (bone kind,
// level, regions) is taken from the product; every table, threshold and rule is restated here.
// A length at a radiograph's detector is the patient's times 1.0 to 1.3 (README), one in pixels any
// length at all: its completions are the patient sizes those allow.

/** Referral urgency levels, lowest first (CLINICAL.md "Referral urgency"). */
export const URGENCY_LEVELS = ['routine', 'surgical-opinion', 'urgent', 'emergency'] as const;
export type IndependentUrgency = (typeof URGENCY_LEVELS)[number];

/** Choices CLINICAL.md leaves open, named so that a test says which reading it holds the product to. */
export interface ReadingChoices {
  /** Femoral regions counted as Mirels' "peritrochanteric" site (Mirels named no boundary). */
  peritrochantericRegions: ReadonlySet<string>;
  /** Femoral regions read as either site (lower limb or peritrochanteric): bordering the ones above, no boundary settles them. */
  maybePeritrochantericRegions: ReadonlySet<string>;
  /** Whether the urgent cortical rule (axial > 30 mm, circumferential > 50%) applies outside long bones. */
  corticalRuleOutsideLongBones: boolean;
  /** Whether Harrington's criteria (CLINICAL.md names no site) are read outside long bones. */
  harringtonOutsideLongBones: boolean;
}

/** The product's documented readings of the open points (README, commit 5712374, urgency rule sets v2, v7 and v8). */
export const PRODUCT_READINGS: ReadingChoices = {
  peritrochantericRegions: new Set(['femur-intertrochanteric', 'femur-subtrochanteric']),
  maybePeritrochantericRegions: new Set(['femur-neck']),
  corticalRuleOutsideLongBones: true,
  harringtonOutsideLongBones: true,
};

/** One score's span over every completion: its lowest and highest total, and each total's band. */
export interface ScoreSpan {
  min: number;
  max: number;
  bands: Set<string>;
}

/** A criterion set over every completion: true when every completion meets it, false when none does, else null. */
export type CriterionVerdict = boolean | null;

/** Each component's points over every completion, by the product's component ids. */
export type ComponentSpans = Record<string, { min: number; max: number }>;

/** What the independent implementation says about a lesion. */
export interface IndependentScores {
  mirels: ScoreSpan | null;
  mirelsComponents: ComponentSpans;
  sinsComponents: ComponentSpans;
  harrington: CriterionVerdict | 'not-applicable';
  vanDerLinden: CriterionVerdict | 'not-applicable';
  sins: ScoreSpan | null;
  escc: { grades: Set<string>; highGrade: CriterionVerdict } | null;
  /** The lowest and highest urgency over completions, and the rules every completion meets. */
  urgency: { lowest: IndependentUrgency; highest: IndependentUrgency; alwaysMet: UrgencyRule[] };
}

/** The referral rules (CLINICAL.md "Referral urgency") and the level each raises. */
export const URGENCY_RULES = {
  'escc-high-grade': 'emergency',
  'new-deficit': 'emergency',
  'sins-unstable': 'urgent',
  'mirels-fixation': 'urgent',
  axial: 'urgent',
  circumferential: 'urgent',
  'pathological-fracture': 'urgent',
  'sins-potentially-unstable': 'surgical-opinion',
  'mirels-borderline': 'surgical-opinion',
  harrington: 'surgical-opinion',
} as const satisfies Record<string, IndependentUrgency>;
export type UrgencyRule = keyof typeof URGENCY_RULES;

const UPPER_LIMB = new Set(['humerus', 'radius', 'ulna']);
const LOWER_LIMB = new Set(['femur', 'tibia', 'fibula']);
const MIRELS_SITE_POINTS = { 'upper-limb': 1, 'lower-limb': 2, peritrochanteric: 3 } as const;
const MIRELS_NATURE_POINTS = { blastic: 1, mixed: 2, lytic: 3 } as const;
const MIRELS_PAIN_POINTS = { mild: 1, moderate: 2, functional: 3 } as const;
const MIRELS_SIZE_POINTS: Record<RatioBand, number> = { 'under-third': 1, 'third-to-two-thirds': 2, 'over-two-thirds': 3 };
const SINS_PAIN_POINTS = { mechanical: 3, occasional: 1, 'pain-free': 0 } as const;
const SINS_NATURE_POINTS = { lytic: 2, mixed: 1, blastic: 0 } as const;
const SINS_ALIGNMENT_POINTS = { 'subluxation-translation': 4, 'de-novo-deformity': 2, normal: 0 } as const;
const SINS_COLLAPSE_POINTS = { 'over-50': 3, 'under-50': 2, 'none-over-50-involved': 1, 'none-of-these': 0 } as const;
const SINS_POSTEROLATERAL_POINTS = { bilateral: 3, unilateral: 1, none: 0 } as const;
const ESCC_GRADES = ['0', '1a', '1b', '1c', '2', '3'] as const;

/** SINS location points of a level label: junctional 3, mobile 2, semi-rigid 1, rigid 0 (CLINICAL.md's table). */
export function sinsLocationPoints(level: string): number | null {
  const segment = level[0];
  const n = Number(level.slice(1));
  const junctional = (segment === 'C' && (n <= 2 || n === 7)) || (segment === 'T' && (n <= 2 || n >= 11)) || (segment === 'L' && (n === 1 || n === 5)) || (segment === 'S' && n === 1);
  if (junctional) return 3;
  if ((segment === 'C' && n >= 3 && n <= 6) || (segment === 'L' && n >= 2 && n <= 4)) return 2;
  if (segment === 'T' && n >= 3 && n <= 10) return 1;
  if (segment === 'S' && n >= 2 && n <= 5) return 0;
  return null;
}

/** The SINS location points a lesion could take: one level for a vertebra, S1..S5 for a sacrum without its segment. */
function sinsLocationDomain(lesion: Lesion): number[] {
  const bone = getBone(lesion.boneId);
  if (!bone) return [];
  if (bone.kind === 'vertebra' && bone.level) {
    const points = sinsLocationPoints(bone.level);
    return points === null ? [] : [points];
  }
  if (bone.id !== 'sacrum') return [];
  const segment = lesion.regionId?.match(/^sacrum-s([1-5])$/)?.[1];
  return segment ? [sinsLocationPoints(`S${segment}`)!] : [3, 0, 0, 0, 0];
}

function isSpinal(lesion: Lesion): boolean {
  const bone = getBone(lesion.boneId);
  return bone?.kind === 'vertebra' || bone?.id === 'sacrum';
}

function isLongBone(lesion: Lesion): boolean {
  return getBone(lesion.boneId)?.kind === 'long-bone';
}

/** One completed lesion: every input the scores read, known. */
interface Completion {
  mirelsSite: number | null;
  nature: keyof typeof MIRELS_NATURE_POINTS;
  mirelsPain: keyof typeof MIRELS_PAIN_POINTS;
  /** Mirels size points when the width/diameter definition decides them (else read from circumferential). */
  widthSizePoints: number;
  circumferentialPct: number;
  axialMm: number;
  largestMm: number;
  lesserTrochanterAvulsion: boolean;
  painAfterRadiotherapy: boolean;
  pathologicalFracture: boolean;
  deficit: boolean;
  sinsLocation: number | null;
  sinsPain: keyof typeof SINS_PAIN_POINTS;
  alignment: keyof typeof SINS_ALIGNMENT_POINTS;
  collapsePoints: number;
  posterolateral: keyof typeof SINS_POSTEROLATERAL_POINTS;
  escc: (typeof ESCC_GRADES)[number];
}

type Domains = { [K in keyof Completion]: readonly Completion[K][] };

const known = <T,>(value: T | null, all: readonly T[]): readonly T[] => (value === null ? all : [value]);

/** Where a length lies: the patient's plane (typed, CT, calibrated or corrected radiograph), a radiograph's detector, or pixels. */
function planeOf(measured: MeasuredMm): 'patient' | 'detector' | 'pixels' {
  return measured.spacingPlane === 'detector' ? 'detector' : measured.spacingPlane === 'none' ? 'pixels' : 'patient';
}

/** A detector length's largest magnification as an exact fraction: the bound its header stated, else 1.3. */
function magnification(measured: MeasuredMm): [bigint, bigint] {
  const m = measured.maxMagnification ?? 1.3;
  return [BigInt(Math.round(m * 1_000_000)), 1_000_000n];
}

/**
 * The patient lengths a measured length allows, as values on each side of the one threshold its
 * score compares it with (Harrington's >= 25 mm, the axial > 30 mm): at the detector the patient's
 * length is value / m to value (m its largest magnification), in pixels anything; a missing one,
 * either side.
 */
function lengthDomain(measured: MeasuredMm | null, threshold: number, inclusive: boolean): number[] {
  const meets = (sign: number) => (inclusive ? sign >= 0 : sign > 0);
  if (measured === null || planeOf(measured) === 'pixels') return [0, threshold + 1];
  if (planeOf(measured) === 'patient') return [measured.value];
  // Detector: the largest patient length is the value; the smallest value / m meets iff value / threshold vs m does.
  const [num, den] = magnification(measured);
  const largestMeets = meets(compareExactRatio(measured.value, threshold, 1n, 1n));
  const smallestMeets = meets(compareExactRatio(measured.value, threshold, num, den));
  return [...(largestMeets ? [threshold + 1] : []), ...(smallestMeets ? [] : [0])];
}

/**
 * The largest dimension's patient sizes about Harrington's 25 mm. The lesion is at least as large as
 * its width across the bone and its axial extent of destroyed cortex: where one of those (in mm) could
 * reach 25 mm but the recorded largest dimension cannot, the two disagree and both are possible
 * (the product's rule set v9).
 */
function largestDomain(lesion: Lesion): number[] {
  const own = lengthDomain(lesion.largestDimensionMm, 25, true);
  const others = [lesion.lesionWidthMm, lesion.axialInvolvementMm].filter((m): m is MeasuredMm => m !== null && planeOf(m) !== 'pixels');
  // Not known in mm (missing, in pixels) beside an extent certainly 25 mm or more: so is the largest (v10).
  const unknownInMm = lesion.largestDimensionMm === null || planeOf(lesion.largestDimensionMm) === 'pixels';
  if (unknownInMm && others.some((m) => lengthDomain(m, 25, true).every((v) => v >= 25))) return [26];
  if (own.some((v) => v >= 25)) return own;
  return others.some((m) => lengthDomain(m, 25, true).some((v) => v >= 25)) ? [...own, 26] : own;
}

/**
 * Mirels size points from width / diameter: exact at 1/3 and 2/3 when both lie in one plane (on the
 * same image, the magnification cancels); scaled by 1/1.3-1 (width at the detector, diameter in
 * the patient) or 1-1.3 (the other way round); any for pixels against mm; a missing value (or a
 * zero diameter) could be any.
 */
function widthSizeDomain(lesion: Lesion): number[] {
  const width = lesion.lesionWidthMm;
  const diameter = lesion.boneDiameterMm;
  if (width === null || diameter === null || !(diameter.value > 0)) return [1, 2, 3];
  const [wp, dp] = [planeOf(width), planeOf(diameter)];
  // Two detector lengths of different largest magnifications lie on two radiographs: no cancelling.
  const twoImages = wp === 'detector' && dp === 'detector' && (width.maxMagnification ?? 1.3) !== (diameter.maxMagnification ?? 1.3);
  if (wp === dp && !twoImages) return [MIRELS_SIZE_POINTS[exactRatioBand(width.value, diameter.value)]];
  if (wp === 'pixels' || dp === 'pixels') return [1, 2, 3];
  // ratio r = w/d as stored; the patient's is r x k, k in [lo, hi] (as num/den pairs): the width's
  // magnification divides, the diameter's multiplies.
  const [mw, md] = [magnification(width), magnification(diameter)];
  const lo: [bigint, bigint] = wp === 'detector' ? [mw[1], mw[0]] : [1n, 1n];
  const hi: [bigint, bigint] = dp === 'detector' ? md : [1n, 1n];
  // r x k vs t  <=>  r vs t / k
  const vs = (k: [bigint, bigint], t: [bigint, bigint]) => compareExactRatio(width.value, diameter.value, t[0] * k[1], t[1] * k[0]);
  const points: number[] = [];
  if (vs(lo, [1n, 3n]) < 0) points.push(1);
  if (vs(lo, [2n, 3n]) <= 0 && vs(hi, [1n, 3n]) >= 0) points.push(2);
  if (vs(hi, [2n, 3n]) > 0) points.push(3);
  return points;
}

/**
 * SINS collapse points: what the category and the measured height loss (> 50% 3, < 50% 2, none 0 or
 * 1) allow; each alone when only one is recorded; both when they disagree (neither is the truth).
 */
function collapseDomain(lesion: Lesion): number[] {
  const category = lesion.spine.collapse;
  const pct = lesion.spine.collapsePct?.value ?? null;
  const measured = pct === null ? [3, 2, 1, 0] : pct > 50 ? [3] : pct === 50 ? [2, 3] : pct > 0 ? [2] : [1, 0];
  if (category === null) return measured; // 50 exactly is neither "> 50%" nor "< 50%"; 0 leaves body involvement open
  const recorded = SINS_COLLAPSE_POINTS[category];
  return pct === null || measured.includes(recorded) ? [recorded] : [recorded, ...measured];
}

/** Every value each input could take: the recorded one, or (missing) values covering each threshold's sides. */
function domainsOf(lesion: Lesion, choices: ReadingChoices): Domains {
  const c = lesion.clinical;
  const s = lesion.spine;
  const spinal = isSpinal(lesion);
  const sites = mirelsSiteDomain(lesion, choices);
  return {
    mirelsSite: sites.length > 0 ? sites : [null],
    nature: known(lesion.nature, ['blastic', 'mixed', 'lytic'] as const),
    mirelsPain: known(c.mirelsPain, ['mild', 'moderate', 'functional'] as const),
    widthSizePoints: widthSizeDomain(lesion),
    circumferentialPct: known(lesion.circumferentialInvolvementPct?.value ?? null, [10, 40, 60, 80]),
    axialMm: lengthDomain(lesion.axialInvolvementMm, 30, false),
    largestMm: largestDomain(lesion),
    lesserTrochanterAvulsion: lesion.boneId === 'femur' ? known(c.lesserTrochanterAvulsion, [false, true]) : [false],
    painAfterRadiotherapy: known(c.persistentPainAfterRadiotherapy, [false, true]),
    pathologicalFracture: known(lesion.pathologicalFracture, [false, true]),
    // The rule names no site: an unrecorded deficit could be present on any lesion.
    deficit: known(c.newNeurologicalDeficit, [false, true]),
    sinsLocation: spinal && sinsLocationDomain(lesion).length > 0 ? [...new Set(sinsLocationDomain(lesion))] : [null],
    sinsPain: known(c.sinsPain, ['mechanical', 'occasional', 'pain-free'] as const),
    alignment: known(s.alignment, ['subluxation-translation', 'de-novo-deformity', 'normal'] as const),
    collapsePoints: collapseDomain(lesion),
    posterolateral: known(s.posterolateralInvolvement, ['bilateral', 'unilateral', 'none'] as const),
    escc: known(s.esccGrade, ESCC_GRADES),
  };
}

function mirelsSiteDomain(lesion: Lesion, choices: ReadingChoices): number[] {
  if (UPPER_LIMB.has(lesion.boneId)) return [MIRELS_SITE_POINTS['upper-limb']];
  if (!LOWER_LIMB.has(lesion.boneId)) return [];
  if (lesion.boneId !== 'femur') return [MIRELS_SITE_POINTS['lower-limb']];
  if (lesion.regionId === null || choices.maybePeritrochantericRegions.has(lesion.regionId)) return [2, 3];
  return [choices.peritrochantericRegions.has(lesion.regionId) ? 3 : 2];
}

/** Every completion of the inputs a lesion leaves missing, restricted to the inputs its bone's scores read. */
function* completions(domains: Domains, relevant: readonly (keyof Completion)[]): Generator<Completion> {
  const keys = Object.keys(domains) as (keyof Completion)[];
  const fixed = Object.fromEntries(keys.map((k) => [k, domains[k][0]])) as unknown as Completion;
  const varying = relevant.filter((k) => domains[k].length > 1);
  const index = varying.map(() => 0);
  for (;;) {
    const completion = { ...fixed };
    varying.forEach((k, i) => ((completion as Record<string, unknown>)[k] = domains[k][index[i]!]));
    yield completion;
    let i = 0;
    while (i < varying.length && ++index[i]! >= domains[varying[i]!].length) index[i++] = 0;
    if (i === varying.length) return;
  }
}

/** The scores of one complete lesion. */
function scoreComplete(x: Completion, lesion: Lesion, choices: ReadingChoices) {
  const longBone = isLongBone(lesion);
  const spinal = isSpinal(lesion);
  const sizePoints = lesion.mirelsSizeDefinition === 'circumferential-fraction' ? MIRELS_SIZE_POINTS[circumferentialBand(x.circumferentialPct)] : x.widthSizePoints;
  const mirelsParts = x.mirelsSite === null ? null : { site: x.mirelsSite, nature: MIRELS_NATURE_POINTS[x.nature], size: sizePoints, pain: MIRELS_PAIN_POINTS[x.mirelsPain] };
  const mirels = mirelsParts && mirelsParts.site + mirelsParts.nature + mirelsParts.size + mirelsParts.pain;
  const harrington = longBone || choices.harringtonOutsideLongBones ? x.circumferentialPct > 50 || x.largestMm >= 25 || x.lesserTrochanterAvulsion || x.painAfterRadiotherapy : null;
  const corticalUrgent = x.axialMm > 30 || x.circumferentialPct > 50;
  const vanDerLinden = lesion.boneId === 'femur' ? corticalUrgent : null;
  const sinsParts = spinal && x.sinsLocation !== null
    ? { location: x.sinsLocation, pain: SINS_PAIN_POINTS[x.sinsPain], 'bone-lesion': SINS_NATURE_POINTS[x.nature], alignment: SINS_ALIGNMENT_POINTS[x.alignment], collapse: x.collapsePoints, posterolateral: SINS_POSTEROLATERAL_POINTS[x.posterolateral] }
    : null;
  const sins = sinsParts && Object.values(sinsParts).reduce((a, b) => a + b, 0);
  const escc = spinal ? x.escc : null;
  const met: UrgencyRule[] = [];
  if (escc === '2' || escc === '3') met.push('escc-high-grade');
  if (x.deficit) met.push('new-deficit');
  if (sins !== null && sins >= 13) met.push('sins-unstable');
  if (mirels !== null && mirels >= 9) met.push('mirels-fixation');
  if (x.pathologicalFracture) met.push('pathological-fracture');
  if ((longBone || choices.corticalRuleOutsideLongBones) && x.axialMm > 30) met.push('axial');
  if ((longBone || choices.corticalRuleOutsideLongBones) && x.circumferentialPct > 50) met.push('circumferential');
  if (sins !== null && sins >= 7 && sins <= 12) met.push('sins-potentially-unstable');
  if (mirels === 8) met.push('mirels-borderline');
  if (harrington === true) met.push('harrington');
  const urgency = Math.max(0, ...met.map((rule) => URGENCY_LEVELS.indexOf(URGENCY_RULES[rule])));
  return { mirels, mirelsParts, harrington, vanDerLinden, sins, sinsParts, escc, urgency, met };
}

/** The span of each component's points over the completions that score it. */
function componentSpans(parts: ReadonlyArray<Record<string, number> | null>): ComponentSpans {
  const spans: ComponentSpans = {};
  for (const part of parts) {
    for (const [id, points] of Object.entries(part ?? {})) {
      const span = (spans[id] ??= { min: points, max: points });
      span.min = Math.min(span.min, points);
      span.max = Math.max(span.max, points);
    }
  }
  return spans;
}

function circumferentialBand(pct: number): RatioBand {
  return exactRatioBand(pct, 100);
}

const mirelsBand = (total: number) => (total >= 9 ? 'fixation' : total === 8 ? 'borderline' : 'radiotherapy');
const sinsBand = (total: number) => (total >= 13 ? 'unstable' : total >= 7 ? 'potentially-unstable' : 'stable');

function span(values: number[], band: (total: number) => string): ScoreSpan {
  return { min: Math.min(...values), max: Math.max(...values), bands: new Set(values.map(band)) };
}

function verdict(values: boolean[]): CriterionVerdict {
  if (values.every(Boolean)) return true;
  return values.some(Boolean) ? null : false;
}

/** The inputs the scores of this lesion's bone read: only these are enumerated when missing. */
function relevantInputs(lesion: Lesion, choices: ReadingChoices): (keyof Completion)[] {
  const cortical: (keyof Completion)[] = ['circumferentialPct', 'axialMm'];
  const keys: (keyof Completion)[] = ['pathologicalFracture', 'deficit'];
  if (isLongBone(lesion)) {
    keys.push('mirelsSite', 'nature', 'mirelsPain', ...cortical, 'largestMm', 'lesserTrochanterAvulsion', 'painAfterRadiotherapy');
    if (lesion.mirelsSizeDefinition === 'width-over-diameter') keys.push('widthSizePoints');
  } else {
    if (choices.corticalRuleOutsideLongBones) keys.push(...cortical);
    if (choices.harringtonOutsideLongBones) keys.push('circumferentialPct', 'largestMm', 'lesserTrochanterAvulsion', 'painAfterRadiotherapy');
  }
  if (isSpinal(lesion)) keys.push('sinsLocation', 'sinsPain', 'nature', 'alignment', 'collapsePoints', 'posterolateral', 'escc');
  return [...new Set(keys)];
}

/** The independent scores of a lesion record, every missing input enumerated. */
export function independentScores(lesion: Lesion, choices: ReadingChoices = PRODUCT_READINGS): IndependentScores {
  const domains = domainsOf(lesion, choices);
  const relevant = relevantInputs(lesion, choices);
  const results = [...completions(domains, relevant)].map((x) => scoreComplete(x, lesion, choices));
  const mirels = results.map((r) => r.mirels).filter((v): v is number => v !== null);
  const sins = results.map((r) => r.sins).filter((v): v is number => v !== null);
  const harrington = results.map((r) => r.harrington).filter((v): v is boolean => v !== null);
  const vdl = results.map((r) => r.vanDerLinden).filter((v): v is boolean => v !== null);
  const escc = results.map((r) => r.escc).filter((v): v is (typeof ESCC_GRADES)[number] => v !== null);
  const urgencies = results.map((r) => r.urgency);
  return {
    mirels: mirels.length > 0 ? span(mirels, mirelsBand) : null,
    mirelsComponents: componentSpans(results.map((r) => r.mirelsParts)),
    sinsComponents: componentSpans(results.map((r) => r.sinsParts)),
    harrington: harrington.length > 0 ? verdict(harrington) : 'not-applicable',
    vanDerLinden: vdl.length > 0 ? verdict(vdl) : 'not-applicable',
    sins: sins.length > 0 ? span(sins, sinsBand) : null,
    escc: escc.length > 0 ? { grades: new Set(escc), highGrade: verdict(escc.map((g) => g === '2' || g === '3')) } : null,
    urgency: {
      lowest: URGENCY_LEVELS[Math.min(...urgencies)]!,
      highest: URGENCY_LEVELS[Math.max(...urgencies)]!,
      alwaysMet: (Object.keys(URGENCY_RULES) as UrgencyRule[]).filter((rule) => results.every((r) => r.met.includes(rule))),
    },
  };
}
