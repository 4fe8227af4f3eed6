import { describe, expect, it } from 'vitest';
import { getBone } from '@shared/anatomy/catalogue';
import { isSpinalBone } from '@shared/anatomy/spinal-levels';
import type { Lesion } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { patientSizeBounds } from '@shared/scoring/patient-size';
import { UrgencyLevelSchema, type UrgencyLevel } from '@shared/scoring/urgency-level';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { seededRandom, type SeededRandom } from '../../support/seeded-random';

// The claim under test: a missing input widens the range, never takes a convenient value. For
// random lesions with inputs missing, every completion of the missing inputs is scored as a
// complete record; the partial record's urgency level must be the lowest of those completions,
// its worst case the highest, and each score's range exactly their span of totals.
// A new neurological deficit is completed on every lesion, spinal or not (CLINICAL.md's referral
// rule names no site).

const rank = (level: UrgencyLevel) => UrgencyLevelSchema.options.indexOf(level);
type Edit = (l: Lesion) => Lesion;

const BONES = ['femur', 'femur', 'humerus', 'tibia', 'ulna', 'vertebra-C7', 'vertebra-T6', 'vertebra-L3', 'vertebra-S1', 'sacrum', 'rib-4', 'ilium', 'coccyx'];
const mm = (v: number) => typed(v);

/** A random lesion: each input recorded with a random value or left missing. */
function randomLesion(r: SeededRandom, i: number): Lesion {
  const boneId = r.pick(BONES);
  const bone = getBone(boneId)!;
  const miss = () => r.chance(0.3);
  const maybe = <T,>(value: T): T | null => (miss() ? null : value);
  const regions = bone.regions.map((x) => x.id);
  return makeLesion({
    id: `0b000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    boneId,
    regionId: regions.length > 0 ? maybe(r.pick(regions)) : null,
    laterality: bone.paired ? 'left' : 'midline',
    nature: maybe(r.pick(['lytic', 'mixed', 'blastic'] as const)),
    mirelsSizeDefinition: r.chance(0.25) ? 'circumferential-fraction' : 'width-over-diameter',
    lesionWidthMm: maybe(mm(r.int(1, 40))),
    boneDiameterMm: maybe(mm(r.int(20, 45))),
    circumferentialInvolvementPct: maybe(mm(r.pick([0, 10, 33.33, 100 / 3, 50, 51, 66.67, 90]))),
    axialInvolvementMm: maybe(mm(r.pick([0, 20, 30, 30.5, 60]))),
    largestDimensionMm: maybe(mm(r.pick([5, 24.9, 25, 40]))),
    pathologicalFracture: maybe(r.chance(0.2)),
    clinical: {
      mirelsPain: maybe(r.pick(['mild', 'moderate', 'functional'] as const)),
      sinsPain: maybe(r.pick(['mechanical', 'occasional', 'pain-free'] as const)),
      newNeurologicalDeficit: maybe(r.chance(0.1)),
      lesserTrochanterAvulsion: maybe(r.chance(0.2)),
      persistentPainAfterRadiotherapy: maybe(r.chance(0.2)),
    },
    spine: {
      alignment: maybe(r.pick(['subluxation-translation', 'de-novo-deformity', 'normal'] as const)),
      collapse: maybe(r.pick(['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'] as const)),
      collapsePct: r.chance(0.3) ? mm(r.pick([0, 30, 50, 70])) : null,
      posterolateralInvolvement: maybe(r.pick(['bilateral', 'unilateral', 'none'] as const)),
      esccGrade: maybe(r.pick(['0', '1a', '1b', '1c', '2', '3'] as const)),
    },
  });
}

/**
 * The record with its recorded largest dimension at least its width and axial extent, as one lesion's
 * extents are: a smaller one disagrees with them, and no completion decides which is right
 * (harrington-disagreeing-extents tests that case).
 */
function withConsistentExtents(l: Lesion): Lesion {
  const largest = l.largestDimensionMm;
  if (largest === null) return l;
  const value = Math.max(largest.value, l.lesionWidthMm?.value ?? 0, l.axialInvolvementMm?.value ?? 0);
  return value === largest.value ? l : { ...l, largestDimensionMm: mm(value) };
}

/** For each missing input a bone's scores read, the values a completion may give it. */
function completionChoices(l: Lesion): Edit[][] {
  const bone = getBone(l.boneId)!;
  const longBone = bone.kind === 'long-bone';
  const spine = isSpinalBone(l.boneId);
  const out: Edit[][] = [];
  const each = <T,>(missing: boolean, values: readonly T[], set: (l: Lesion, v: T) => Lesion) => {
    if (missing) out.push(values.map((v) => (x: Lesion) => set(x, v)));
  };
  const clinical = (patch: Partial<Lesion['clinical']>) => (x: Lesion): Lesion => ({ ...x, clinical: { ...x.clinical, ...patch } });
  const spineInput = (patch: Partial<Lesion['spine']>) => (x: Lesion): Lesion => ({ ...x, spine: { ...x.spine, ...patch } });
  // The femoral neck is read as either Mirels site (no published boundary): completed as a region of
  // each, and left out of a missing region's completions, which hold both sites already.
  const regions = bone.regions.map((r) => r.id).filter((id) => id !== 'femur-neck');
  each(l.regionId === null && (bone.id === 'femur' || bone.id === 'sacrum'), regions, (x, regionId) => ({ ...x, regionId }));
  each(l.regionId === 'femur-neck', ['femur-diaphysis', 'femur-intertrochanteric'], (x, regionId) => ({ ...x, regionId }));
  each(l.nature === null && (longBone || spine), ['lytic', 'mixed', 'blastic'] as const, (x, nature) => ({ ...x, nature }));
  // The urgent cortical rule names no bone: every lesion's urgency reads these.
  each(l.circumferentialInvolvementPct === null, [10, 40, 70], (x, v) => ({ ...x, circumferentialInvolvementPct: mm(v) }));
  each(l.axialInvolvementMm === null, [10, 40], (x, v) => ({ ...x, axialInvolvementMm: mm(v) }));
  if (longBone) {
    const w = l.lesionWidthMm?.value;
    const d = l.boneDiameterMm?.value;
    if (l.mirelsSizeDefinition === 'width-over-diameter' && (w === undefined || d === undefined)) {
      const pairs: Array<[number, number]> = w === undefined && d === undefined ? [[2, 30], [15, 30], [25, 30]] : w === undefined ? [0.2, 0.5, 0.9].map((f) => [f * d!, d!]) : [0.2, 0.5, 0.9].map((f) => [w, w / f]);
      out.push(pairs.map(([pw, pd]) => (x) => ({ ...x, lesionWidthMm: mm(pw), boneDiameterMm: mm(pd) })));
    }
    if (l.clinical.mirelsPain === null) out.push((['mild', 'moderate', 'functional'] as const).map((v) => clinical({ mirelsPain: v })));
  }
  // Harrington's criteria name no site (rule set v8): read on every bone, the avulsion on the femur.
  // A lesion's largest dimension is at least its width and axial extent (completed before it, above).
  const atLeastExtents = (x: Lesion, v: number) => Math.max(v, ...[x.lesionWidthMm, x.axialInvolvementMm].map((e) => (e && e.spacingPlane !== 'none' ? patientSizeBounds(e)[0] : 0)));
  each(l.largestDimensionMm === null, [10, 30], (x, v) => ({ ...x, largestDimensionMm: mm(atLeastExtents(x, v)) }));
  if (l.clinical.persistentPainAfterRadiotherapy === null) out.push([true, false].map((v) => clinical({ persistentPainAfterRadiotherapy: v })));
  if (bone.id === 'femur' && l.clinical.lesserTrochanterAvulsion === null) out.push([true, false].map((v) => clinical({ lesserTrochanterAvulsion: v })));
  if (spine) {
    if (l.clinical.sinsPain === null) out.push((['mechanical', 'occasional', 'pain-free'] as const).map((v) => clinical({ sinsPain: v })));
    if (l.spine.alignment === null) out.push((['subluxation-translation', 'de-novo-deformity', 'normal'] as const).map((v) => spineInput({ alignment: v })));
    if (l.spine.posterolateralInvolvement === null) out.push((['bilateral', 'unilateral', 'none'] as const).map((v) => spineInput({ posterolateralInvolvement: v })));
    if (l.spine.esccGrade === null) out.push((['0', '1a', '1b', '1c', '2', '3'] as const).map((v) => spineInput({ esccGrade: v })));
    const pct = l.spine.collapsePct?.value;
    // A measured height loss decides the category, except 0% (no collapse, with or without > 50% of the body
    // involved) and exactly 50% (neither "> 50%" nor "< 50%" in the table).
    const allowed = pct === undefined ? (['over-50', 'under-50', 'none-over-50-involved', 'none-of-these'] as const) : pct === 0 ? (['none-over-50-involved', 'none-of-these'] as const) : pct === 50 ? (['over-50', 'under-50'] as const) : pct > 50 ? (['over-50'] as const) : (['under-50'] as const);
    if (l.spine.collapse === null && allowed.length > 1) out.push(allowed.map((v) => spineInput({ collapse: v })));
    // A recorded category the measurement rules out: one of the two is wrong, and either may be.
    if (l.spine.collapse !== null && !(allowed as readonly string[]).includes(l.spine.collapse)) {
      out.push([spineInput({ collapsePct: null }), ...allowed.map((v) => spineInput({ collapse: v }))]);
    }
  }
  // Neurology is read on every lesion: a deficit recorded on any bone is an emergency.
  if (l.clinical.newNeurologicalDeficit === null) out.push([true, false].map((v) => clinical({ newNeurologicalDeficit: v })));
  if (l.pathologicalFracture === null) out.push([true, false].map((v) => (x: Lesion) => ({ ...x, pathologicalFracture: v })));
  return out;
}

function* completions(l: Lesion, choices: Edit[][], at = 0): Generator<Lesion> {
  if (at === choices.length) return yield l;
  for (const edit of choices[at]!) yield* completions(edit(l), choices, at + 1);
}

const span = (values: number[]) => [Math.min(...values), Math.max(...values)];

describe('missing inputs widen the range and never take a convenient value (brute force over every completion)', () => {
  const r = seededRandom(20261206);
  const lesions: Lesion[] = [];
  for (let i = 0; lesions.length < 300; i++) {
    const l = withConsistentExtents(randomLesion(r, i));
    if (completionChoices(l).reduce((n, c) => n * c.length, 1) <= 3000) lesions.push(l);
  }

  it(`urgency level and worst case are the lowest and highest over every completion (300 lesions, seed ${r.seed})`, () => {
    const wrong: string[] = [];
    let withMissing = 0;
    for (const l of lesions) {
      const scores = scoreLesion(l);
      const levels = [...completions(l, completionChoices(l))].map((c) => rank(scoreLesion(c).urgency.level));
      if (levels.length > 1) withMissing++;
      const [lo, hi] = span(levels);
      if (rank(scores.urgency.level) !== lo || rank(scores.urgency.worstCase) !== hi) {
        wrong.push(`${l.id} ${l.boneId}: ${scores.urgency.level}/${scores.urgency.worstCase}, completions ${UrgencyLevelSchema.options[lo!]}/${UrgencyLevelSchema.options[hi!]}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(withMissing).toBeGreaterThan(200);
  });

  it('Mirels and SINS ranges are exactly the span of totals over every completion', () => {
    const wrong: string[] = [];
    for (const l of lesions) {
      const scores = scoreLesion(l);
      const all = [...completions(l, completionChoices(l))].map((c) => scoreLesion(c));
      for (const key of ['mirels', 'sins'] as const) {
        if (!scores[key].applicable) continue;
        const totals = all.map((s) => s[key].total);
        if (totals.some((t) => t === null)) {
          wrong.push(`${l.id} ${key}: a completion has no total`);
          continue;
        }
        const [lo, hi] = span(totals as number[]);
        const claimed = scores[key].total !== null ? [scores[key].total, scores[key].total] : scores[key].range;
        if (claimed?.[0] !== lo || claimed?.[1] !== hi) wrong.push(`${l.id} ${l.boneId} ${key}: ${JSON.stringify(claimed)} vs completions ${lo}-${hi}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
