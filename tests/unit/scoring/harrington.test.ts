import { describe, expect, it } from 'vitest';
import { scoreHarrington, ScoreResultSchema } from '@shared/scoring';
import { makeLesion, typed } from '../../support/lesion-fixtures';

/** A femoral lesion with every Harrington input known and none met. */
function femur(overrides: Parameters<typeof makeLesion>[0] = {}) {
  return makeLesion({
    circumferentialInvolvementPct: typed(20),
    largestDimensionMm: typed(12),
    ...overrides,
    clinical: { lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, ...overrides.clinical },
  });
}

const met = (result: ReturnType<typeof scoreHarrington>, id: string) => result.components.find((c) => c.id === id)?.met;

describe('Harrington criteria', () => {
  it('is not flagged when every criterion is known and none is met', () => {
    const result = scoreHarrington(femur());
    expect(result.total).toBe(0);
    expect(result.flagged).toBe(false);
    expect(result.components.map((c) => c.id)).toEqual(['cortical-destruction', 'size', 'lesser-trochanter-avulsion', 'pain-after-radiotherapy']);
    expect(ScoreResultSchema.parse(result)).toEqual(result);
  });

  it.each([
    [50, false],
    [50.1, true],
  ])('cortical destruction %s%%: met = %s', (pct, expected) => {
    const result = scoreHarrington(femur({ circumferentialInvolvementPct: typed(pct) }));
    expect(met(result, 'cortical-destruction')).toBe(expected);
    expect(result.flagged).toBe(expected);
    if (expected) expect(result.reasons).toEqual([`cortical destruction ${pct}% > 50%`]);
  });

  it.each([
    [24.9, false],
    [25, true], // 2.5 cm exactly meets ">= 2.5 cm"
    [27, true],
  ])('lesion %s mm: met = %s', (mm, expected) => {
    const result = scoreHarrington(femur({ largestDimensionMm: typed(mm) }));
    expect(met(result, 'size')).toBe(expected);
    if (expected) expect(result.reasons).toEqual([`lesion ${mm} mm >= 25 mm (2.5 cm)`]);
  });

  it('counts lesser trochanter avulsion and pain after radiotherapy', () => {
    const result = scoreHarrington(femur({ clinical: { lesserTrochanterAvulsion: true, persistentPainAfterRadiotherapy: true } }));
    expect(result.total).toBe(2);
    expect(result.reasons).toEqual(['avulsion of the lesser trochanter', 'persistent or functional pain after radiotherapy']);
  });

  it('leaves out the lesser trochanter outside the femur', () => {
    const result = scoreHarrington(makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', largestDimensionMm: typed(30) }));
    expect(result.components.map((c) => c.id)).toEqual(['cortical-destruction', 'size', 'pain-after-radiotherapy']);
    expect(result.missingInputs).not.toContain('lesser trochanter avulsion');
    expect(result.flagged).toBe(true);
  });

  it('is undecided while inputs are missing and nothing is met', () => {
    const result = scoreHarrington(makeLesion());
    expect(result.total).toBeNull();
    expect(result.range).toEqual([0, 4]);
    expect(result.flagged).toBeNull();
    expect(result.missingInputs).toEqual(['circumferential involvement (%)', 'largest dimension (mm)', 'lesser trochanter avulsion', 'persistent pain after radiotherapy']);
  });

  // CLINICAL.md's criteria and the referral rule name no site (rule set v8): a 3 cm iliac lesion meets
  // the size criterion; the lesser trochanter is the femur's and is not asked for elsewhere.
  it('applies outside long bones, saying that Harrington described long bones', () => {
    const ilium = scoreHarrington(femur({ boneId: 'ilium', regionId: null, largestDimensionMm: typed(30) }));
    expect(ilium).toMatchObject({ applicable: true, flagged: true, missingInputs: [] });
    expect(ilium.components.map((c) => c.id)).toEqual(['cortical-destruction', 'size', 'pain-after-radiotherapy']);
    expect(ilium.reasons).toEqual(['lesion 30 mm >= 25 mm (2.5 cm)']);
    expect(ilium.notes.join(' ')).toMatch(/described these criteria for long bones; they are applied to the ilium/i);
    const unknownPain = scoreHarrington(femur({ boneId: 'vertebra-L2', regionId: null, clinical: { persistentPainAfterRadiotherapy: null } }));
    expect(unknownPain).toMatchObject({ applicable: true, flagged: null, missingInputs: ['persistent pain after radiotherapy'] });
  });
});

describe('Harrington size shown as it was compared', () => {
  // 24.999 mm rounded to "25 mm" beside "not met" reads as a contradiction of ">= 2.5 cm".
  it.each([
    [24.999, '24.999 mm', false],
    [24.996, '24.996 mm', false],
    [25, '25 mm', true],
    [25.004, '25.004 mm', true],
    [12.345, '12.35 mm', false],
  ] as const)('a lesion of %d mm shows %s, met %s', (mm, shown, met) => {
    const size = scoreHarrington(femur({ largestDimensionMm: typed(mm) })).components.find((c) => c.id === 'size')!;
    expect([size.value, size.met]).toEqual([shown, met]);
  });
});
