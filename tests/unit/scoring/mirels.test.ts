import { describe, expect, it } from 'vitest';
import { scoreMirels, mirelsBand, MIRELS_SIZE_DEFINITIONS, ScoreResultSchema } from '@shared/scoring';
import { makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

/** A fully recorded femoral-shaft lesion: site 2, lytic 3, size 2 (15/30), moderate pain 2 = 9. */
function complete(overrides: Parameters<typeof makeLesion>[0] = {}) {
  return makeLesion({
    nature: 'lytic',
    lesionWidthMm: typed(15),
    boneDiameterMm: typed(30),
    ...overrides,
    clinical: { mirelsPain: 'moderate', ...overrides.clinical },
  });
}

const points = (result: ReturnType<typeof scoreMirels>, id: string) => result.components.find((c) => c.id === id)?.points;

describe('Mirels table: every row', () => {
  it.each([
    ['humerus', 'humerus-diaphysis', 1],
    ['radius', null, 1],
    ['ulna', null, 1],
    ['femur', 'femur-diaphysis', 2],
    ['tibia', null, 2],
    ['fibula', null, 2],
    ['femur', 'femur-intertrochanteric', 3],
    ['femur', 'femur-subtrochanteric', 3],
  ] as const)('site %s / %s = %i', (boneId, regionId, expected) => {
    expect(points(scoreMirels(complete({ boneId, regionId })), 'site')).toBe(expected);
  });

  it.each([
    ['blastic', 1],
    ['mixed', 2],
    ['lytic', 3],
  ] as const)('nature %s = %i', (nature, expected) => {
    expect(points(scoreMirels(complete({ nature })), 'nature')).toBe(expected);
  });

  it.each([
    ['mild', 1],
    ['moderate', 2],
    ['functional', 3],
  ] as const)('pain %s = %i', (mirelsPain, expected) => {
    expect(points(scoreMirels(complete({ clinical: { mirelsPain } })), 'pain')).toBe(expected);
  });

  it.each([
    [9.9, 30, 1],
    [10, 30, 2], // exactly 1/3 is "1/3 - 2/3"
    [15, 30, 2],
    [20, 30, 2], // exactly 2/3 is "1/3 - 2/3"
    [20.1, 30, 3],
    [30, 30, 3],
  ])('size: lesion width %s mm / bone diameter %s mm = %i', (width, diameter, expected) => {
    const result = scoreMirels(complete({ lesionWidthMm: typed(width), boneDiameterMm: typed(diameter) }));
    expect(points(result, 'size')).toBe(expected);
    expect(result.definition).toBe(MIRELS_SIZE_DEFINITIONS['width-over-diameter']);
  });

  it.each([
    [33.3, 1],
    [33.34, 2],
    [66.66, 2],
    [66.67, 3],
  ])('size reads a circumferential fraction of %s percent as size %i when the reader chose that definition, and says so', (pct, expected) => {
    const result = scoreMirels(complete({ lesionWidthMm: null, boneDiameterMm: null, circumferentialInvolvementPct: typed(pct), mirelsSizeDefinition: 'circumferential-fraction' }));
    expect(points(result, 'size')).toBe(expected);
    expect(result.definition).toBe(MIRELS_SIZE_DEFINITIONS['circumferential-fraction']);
  });

  it('never takes the size from the circumferential fraction in silence: a missing diameter is a range over sizes 1-3', () => {
    // The case: ulna, lytic, moderate pain, width 36 mm, diameter unknown, circumferential 12%.
    const result = scoreMirels(complete({ boneId: 'ulna', regionId: 'ulna-diaphysis', nature: 'lytic', clinical: { mirelsPain: 'moderate' }, lesionWidthMm: typed(36), boneDiameterMm: null, circumferentialInvolvementPct: typed(12) }));
    expect(result.total).toBeNull();
    expect(result.range).toEqual([7, 9]);
    expect(result.missingInputs).toEqual(['size (bone diameter on the same image)']);
    expect(result.components.find((c) => c.id === 'size')).toMatchObject({ points: null, missing: true, possiblePoints: [1, 3] });
    expect(result.definition).toBe(MIRELS_SIZE_DEFINITIONS['width-over-diameter']);
    expect(result.flagged).toBeNull();
  });

  it('with the circumferential definition chosen, width and diameter are not read and a missing percentage is a range', () => {
    const result = scoreMirels(complete({ mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: null }));
    expect(result.range).not.toBeNull();
    expect(result.missingInputs).toEqual(['size (circumferential involvement, the chosen Mirels size definition)']);
  });

  it('prefers the diameter ratio over the circumferential fraction', () => {
    const result = scoreMirels(complete({ circumferentialInvolvementPct: typed(90) }));
    expect(points(result, 'size')).toBe(2);
    expect(result.components.find((c) => c.id === 'size')?.value).toBe('0.5 (lesion width 15 mm / bone diameter 30 mm)');
  });
});

describe('Mirels totals and bands', () => {
  it('adds the four components (4-12)', () => {
    const result = scoreMirels(complete());
    expect(result.total).toBe(9);
    expect(result.range).toBeNull();
    expect(result.missingInputs).toEqual([]);
    expect(ScoreResultSchema.parse(result)).toEqual(result);
  });

  it('flags 9 (fixation) and not 8 (borderline): the edge', () => {
    const nine = scoreMirels(complete());
    expect(nine.band?.id).toBe('fixation');
    expect(nine.flagged).toBe(true);
    expect(nine.reasons).toEqual(['Mirels 9 >= 9']);

    const eight = scoreMirels(complete({ clinical: { mirelsPain: 'mild' } }));
    expect(eight.total).toBe(8);
    expect(eight.band?.id).toBe('borderline');
    expect(eight.flagged).toBe(false);
    expect(eight.reasons).toEqual(['Mirels 8 = 8 (borderline)']);

    const seven = scoreMirels(complete({ nature: 'mixed', clinical: { mirelsPain: 'mild' } }));
    expect(seven.total).toBe(7);
    expect(seven.band?.id).toBe('radiotherapy');
    expect(seven.reasons).toEqual([]);
  });

  it('reaches 12 at most and 4 at least', () => {
    const max = complete({ boneId: 'femur', regionId: 'femur-subtrochanteric', lesionWidthMm: typed(25), clinical: { mirelsPain: 'functional' } });
    expect(scoreMirels(max).total).toBe(12);
    expect(scoreMirels(max).reasons).toEqual(['Mirels 12 >= 9']);
    const min = complete({ boneId: 'humerus', regionId: null, nature: 'blastic', lesionWidthMm: typed(5), clinical: { mirelsPain: 'mild' } });
    expect(scoreMirels(min).total).toBe(4);
  });

  it.each([
    [4, 'radiotherapy'],
    [7, 'radiotherapy'],
    [8, 'borderline'],
    [9, 'fixation'],
    [12, 'fixation'],
  ])('band of %i is %s', (total, band) => {
    expect(mirelsBand(total).id).toBe(band);
  });
});

describe('Mirels with missing inputs', () => {
  it('shows a range, never scoring a missing pain as zero', () => {
    const result = scoreMirels(complete({ clinical: { mirelsPain: null } }));
    expect(result.total).toBeNull();
    expect(result.range).toEqual([8, 10]);
    expect(result.components.find((c) => c.id === 'pain')).toMatchObject({ missing: true, points: null, possiblePoints: [1, 3] });
    expect(result.missingInputs).toEqual(['pain (mild/moderate/functional)']);
    expect(result.band).toBeNull();
    expect(result.possibleBands.map((b) => b.id)).toEqual(['borderline', 'fixation']);
    expect(result.flagged).toBeNull();
    expect(result.notes).toEqual(['Mirels 8-10: depends on pain (mild/moderate/functional)']);
  });

  it('flags a range that lies wholly at or above 9', () => {
    const result = scoreMirels(complete({ regionId: 'femur-intertrochanteric', clinical: { mirelsPain: null } }));
    expect(result.range).toEqual([9, 11]);
    expect(result.band?.id).toBe('fixation');
    expect(result.flagged).toBe(true);
    expect(result.reasons).toEqual(['Mirels 9-11 >= 9']);
  });

  it('leaves the femoral site open while the region is not recorded', () => {
    const result = scoreMirels(complete({ regionId: null }));
    expect(result.components.find((c) => c.id === 'site')).toMatchObject({ missing: true, possiblePoints: [2, 3] });
    expect(result.range).toEqual([9, 10]);
    expect(result.missingInputs).toEqual(['femur region (peritrochanteric or not)']);
  });

  it('spans 5-12 when nothing is known about a femur (site is at least lower limb)', () => {
    const result = scoreMirels(makeLesion({ regionId: null }));
    expect(result.range).toEqual([5, 12]);
    expect(result.missingInputs).toHaveLength(4);
    // The definition the lesion chose is named even while the size is unknown: it says what to measure.
    expect(result.definition).toBe(MIRELS_SIZE_DEFINITIONS['width-over-diameter']);
  });
});

describe('Mirels applicability', () => {
  it.each(['vertebra-T11', 'rib-5', 'clavicle', 'ilium'])('does not apply to %s', (boneId) => {
    const lesion = boneId.startsWith('vertebra') ? makeSpineLesion('T11') : makeLesion({ boneId, regionId: null });
    const result = scoreMirels(lesion);
    expect(result.applicable).toBe(false);
    expect(result.notApplicableReason).toMatch(/long bones of the limbs/);
    expect(result.total).toBeNull();
  });
});
