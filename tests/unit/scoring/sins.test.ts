import { describe, expect, it } from 'vitest';
import { scoreSins, sinsBand, ScoreResultSchema } from '@shared/scoring';
import { makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

type SpineOverrides = Parameters<typeof makeSpineLesion>[1];

/** All inputs known and at their lowest except the level: T6 (semi-rigid 1) -> total 1. */
function known(level = 'T6', overrides: SpineOverrides = {}) {
  return makeSpineLesion(level, {
    nature: 'blastic',
    ...overrides,
    clinical: { sinsPain: 'pain-free', ...overrides?.clinical },
    spine: { alignment: 'normal', collapse: 'none-of-these', posterolateralInvolvement: 'none', ...overrides?.spine },
  });
}

const points = (result: ReturnType<typeof scoreSins>, id: string) => result.components.find((c) => c.id === id)?.points;

describe('SINS table: every row', () => {
  it.each([
    ['C1', 3], ['C2', 3], ['C7', 3], ['T1', 3], ['T2', 3], ['T11', 3], ['T12', 3], ['L1', 3], ['L5', 3], ['S1', 3],
    ['C3', 2], ['C6', 2], ['L2', 2], ['L4', 2],
    ['T3', 1], ['T10', 1],
    ['S2', 0], ['S5', 0],
  ])('location %s = %i', (level, expected) => {
    expect(points(scoreSins(known(level)), 'location')).toBe(expected);
  });

  it.each([['mechanical', 3], ['occasional', 1], ['pain-free', 0]] as const)('pain %s = %i', (sinsPain, expected) => {
    expect(points(scoreSins(known('T6', { clinical: { sinsPain } })), 'pain')).toBe(expected);
  });

  it.each([['lytic', 2], ['mixed', 1], ['blastic', 0]] as const)('bone lesion %s = %i', (nature, expected) => {
    expect(points(scoreSins(known('T6', { nature })), 'bone-lesion')).toBe(expected);
  });

  it.each([['subluxation-translation', 4], ['de-novo-deformity', 2], ['normal', 0]] as const)('alignment %s = %i', (alignment, expected) => {
    expect(points(scoreSins(known('T6', { spine: { alignment } })), 'alignment')).toBe(expected);
  });

  it.each([['over-50', 3], ['under-50', 2], ['none-over-50-involved', 1], ['none-of-these', 0]] as const)('collapse %s = %i', (collapse, expected) => {
    expect(points(scoreSins(known('T6', { spine: { collapse } })), 'collapse')).toBe(expected);
  });

  it.each([['bilateral', 3], ['unilateral', 1], ['none', 0]] as const)('posterolateral %s = %i', (posterolateralInvolvement, expected) => {
    expect(points(scoreSins(known('T6', { spine: { posterolateralInvolvement } })), 'posterolateral')).toBe(expected);
  });
});

describe('SINS collapse from measured heights', () => {
  it.each([
    [60, 3],
    [50.1, 3],
    [49.9, 2],
    [10, 2],
  ])('%s%% height loss = %i', (pct, expected) => {
    const result = scoreSins(known('T6', { spine: { collapse: null, collapsePct: typed(pct) } }));
    expect(points(result, 'collapse')).toBe(expected);
    expect(result.components.find((c) => c.id === 'collapse')?.value).toContain(`${pct}% height loss`);
  });

  // CLINICAL.md's table has "> 50% collapse 3; < 50% collapse 2": a measured 50% is neither, so
  // the score shows both (as SINS 12-13 crosses into unstable, never the lower alone).
  it('a measured 50% height loss is neither > 50% nor < 50%: collapse 2-3, the reader category decides', () => {
    const result = scoreSins(known('T11', { nature: 'lytic', clinical: { sinsPain: 'mechanical' }, spine: { alignment: 'de-novo-deformity', collapse: null, collapsePct: typed(50), posterolateralInvolvement: 'none' } }));
    expect(result.components.find((c) => c.id === 'collapse')).toMatchObject({ missing: true, points: null, possiblePoints: [2, 3], value: '50% height loss' });
    expect(result.total).toBeNull();
    expect(result.range).toEqual([12, 13]);
    expect(result.possibleBands.map((b) => b.id)).toEqual(['potentially-unstable', 'unstable']);
    expect(result.missingInputs).toEqual(['vertebral body collapse (a measured 50% is neither > 50% nor < 50%)']);
  });

  it('leaves 0% collapse open between 0 and 1 (body involvement decides)', () => {
    const result = scoreSins(known('T6', { spine: { collapse: null, collapsePct: typed(0) } }));
    expect(result.components.find((c) => c.id === 'collapse')).toMatchObject({ missing: true, possiblePoints: [0, 1] });
    expect(result.range).toEqual([1, 2]);
    expect(result.missingInputs).toEqual(['body involvement > 50% (no collapse measured)']);
  });

  it('takes the reader category the measurement allows', () => {
    for (const [collapse, pct, expected] of [['over-50', 72, 3], ['under-50', 50, 2], ['none-of-these', 0, 0], ['none-over-50-involved', 0, 1]] as const) {
      const result = scoreSins(known('T6', { spine: { collapse, collapsePct: typed(pct) } }));
      expect(points(result, 'collapse')).toBe(expected);
      expect(result.missingInputs).toEqual([]);
    }
  });

  // Neither input is the truth when they disagree: the range spans both until the reader settles it.
  it('spans the reader category and the measurement when the measurement rules the category out', () => {
    const result = scoreSins(known('T6', { spine: { collapse: 'under-50', collapsePct: typed(68) } }));
    expect(result.components.find((c) => c.id === 'collapse')).toMatchObject({ missing: true, points: null, possiblePoints: [2, 3], value: '68% height loss' });
    expect(result.missingInputs).toEqual(['vertebral body collapse (the category recorded, < 50% collapse, disagrees with the measured 68% height loss)']);
    const over = scoreSins(known('T6', { spine: { collapse: 'over-50', collapsePct: typed(10) } }));
    expect(over.components.find((c) => c.id === 'collapse')).toMatchObject({ points: null, possiblePoints: [2, 3] });
    const none = scoreSins(known('T6', { spine: { collapse: 'none-of-these', collapsePct: typed(30) } }));
    expect(none.components.find((c) => c.id === 'collapse')).toMatchObject({ points: null, possiblePoints: [0, 2] });
  });
});

describe('SINS totals and band edges', () => {
  // junctional 3 + mechanical 3 = 6; then add components one by one.
  const base = { clinical: { sinsPain: 'mechanical' as const } };
  it.each([
    [6, 'stable', false, known('T11', base)],
    [7, 'potentially-unstable', true, known('T11', { ...base, nature: 'mixed' })],
    [12, 'potentially-unstable', true, known('T11', { ...base, nature: 'lytic', spine: { alignment: 'de-novo-deformity', collapse: 'under-50' } })],
    [13, 'unstable', true, known('T11', { ...base, nature: 'lytic', spine: { alignment: 'de-novo-deformity', collapse: 'under-50', posterolateralInvolvement: 'unilateral' } })],
    [18, 'unstable', true, known('T11', { ...base, nature: 'lytic', spine: { alignment: 'subluxation-translation', collapse: 'over-50', posterolateralInvolvement: 'bilateral' } })],
    [0, 'stable', false, known('S3')],
  ])('total %i is %s', (total, band, flagged, lesion) => {
    const result = scoreSins(lesion);
    expect(result.total).toBe(total);
    expect(result.band?.id).toBe(band);
    expect(result.flagged).toBe(flagged);
    expect(ScoreResultSchema.parse(result)).toEqual(result);
  });

  it('words its reasons as the surgeon checks them', () => {
    expect(scoreSins(known('T11', { ...base, nature: 'mixed' })).reasons).toEqual(['SINS 7 in 7-12']);
    expect(scoreSins(known('T11', { ...base, nature: 'lytic', spine: { alignment: 'de-novo-deformity', collapse: 'under-50', posterolateralInvolvement: 'unilateral' } })).reasons).toEqual(['SINS 13 >= 13']);
    expect(scoreSins(known('T11', base)).reasons).toEqual([]);
  });

  it.each([[0, 'stable'], [6, 'stable'], [7, 'potentially-unstable'], [12, 'potentially-unstable'], [13, 'unstable'], [18, 'unstable']])('band of %i is %s', (t, band) => {
    expect(sinsBand(t).id).toBe(band);
  });
});

describe('SINS with missing inputs', () => {
  it('gives the range of totals, never scoring missing pain as zero', () => {
    const result = scoreSins(known('T11', { nature: 'lytic', clinical: { sinsPain: null }, spine: { alignment: 'subluxation-translation', collapse: 'over-50', posterolateralInvolvement: 'bilateral' } }));
    expect(result.total).toBeNull();
    expect(result.range).toEqual([15, 18]);
    expect(result.band?.id).toBe('unstable');
    expect(result.flagged).toBe(true);
    expect(result.reasons).toEqual(['SINS 15-18 >= 13']);
  });

  it('is undecided when the range spans the 7 threshold', () => {
    const result = scoreSins(known('T11', { clinical: { sinsPain: null } }));
    expect(result.range).toEqual([3, 6]);
    expect(result.flagged).toBe(false);
    const spanning = scoreSins(known('T11', { nature: 'lytic', clinical: { sinsPain: null } }));
    expect(spanning.range).toEqual([5, 8]);
    expect(spanning.band).toBeNull();
    expect(spanning.possibleBands.map((b) => b.id)).toEqual(['stable', 'potentially-unstable']);
    expect(spanning.flagged).toBeNull();
    expect(spanning.notes[0]).toMatch(/^SINS 5-8: depends on pain/);
  });

  it('spans the whole 3-18 when only a junctional level is known', () => {
    const result = scoreSins(makeSpineLesion('L5'));
    expect(result.range).toEqual([3, 18]);
    expect(result.missingInputs).toHaveLength(5);
  });
});

describe('SINS applicability', () => {
  it('does not apply outside the spine or to the coccyx', () => {
    expect(scoreSins(makeLesion()).applicable).toBe(false);
    const coccyx = scoreSins(makeLesion({ boneId: 'coccyx', regionId: null, laterality: null }));
    expect(coccyx.applicable).toBe(false);
    expect(coccyx.notApplicableReason).toMatch(/coccyx/);
  });
});

describe('a measured collapse shown as it was scored', () => {
  // 0.001% height loss is "< 50% collapse" (2 points): shown as "0% height loss" it reads as no collapse.
  it.each([
    [0.001, '< 50% collapse (0.001% height loss)', 2],
    [0.004, '< 50% collapse (0.004% height loss)', 2],
    [0.5, '< 50% collapse (0.5% height loss)', 2],
    [49.996, '< 50% collapse (49.996% height loss)', 2],
  ] as const)('%d% height loss shows "%s" for %d points', (pct, shown, points) => {
    const collapse = scoreSins(known('T6', { spine: { collapse: null, collapsePct: typed(pct) } })).components.find((c) => c.id === 'collapse')!;
    expect([collapse.value, collapse.points]).toEqual([shown, points]);
  });
});
