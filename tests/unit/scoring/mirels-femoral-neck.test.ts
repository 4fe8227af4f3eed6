import { describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { UrgencyLevelSchema, type UrgencyLevel } from '@shared/scoring/urgency-level';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { independentScores, PRODUCT_READINGS, type ReadingChoices } from '../../support/independent-scores';
import { randomLesionRecords } from '../../support/random-lesions';

// Mirels drew no boundary round his "peritrochanteric" site, and the femoral neck borders the
// intertrochanteric region. An outside reader who counts the neck as peritrochanteric scores a neck
// lesion one point higher (Mirels 8 becomes 9, prophylactic fixation): scoring the neck as lower limb
// alone understated the urgency under that reading. Both readings are now inside the range.

const rank = (level: UrgencyLevel) => UrgencyLevelSchema.options.indexOf(level);

/** The reading that counts the femoral neck as peritrochanteric, nothing left open. */
const NECK_PERITROCHANTERIC: ReadingChoices = {
  ...PRODUCT_READINGS,
  peritrochantericRegions: new Set([...PRODUCT_READINGS.peritrochantericRegions, 'femur-neck']),
  maybePeritrochantericRegions: new Set(),
};
/** The reading that counts it as lower limb. */
const NECK_LOWER_LIMB: ReadingChoices = { ...PRODUCT_READINGS, maybePeritrochantericRegions: new Set() };

describe("a femoral neck lesion's Mirels site", () => {
  const neck = makeLesion({ boneId: 'femur', regionId: 'femur-neck', nature: 'mixed', lesionWidthMm: typed(15), boneDiameterMm: typed(30), clinical: { mirelsPain: 'functional' } });

  it('spans lower limb and peritrochanteric, and says why', () => {
    const mirels = scoreLesion(neck).mirels;
    expect(mirels.components.find((c) => c.id === 'site')).toMatchObject({ possiblePoints: [2, 3] });
    expect(mirels.range).toEqual([9, 10]);
    expect(mirels.missingInputs).toEqual(["whether the femoral neck is Mirels' peritrochanteric site (he drew no boundary)"]);
    expect(mirels.flagged).toBe(true);
  });

  it('a mixed lesion a third of the diameter with functional pain could be 9 (fixation), not 8 for certain', () => {
    const borderline = scoreLesion({ ...neck, lesionWidthMm: typed(9) });
    expect(borderline.mirels.range).toEqual([8, 9]);
    expect(borderline.mirels.flagged).toBeNull();
  });
});

describe('under either reading of the femoral neck, on 3,000 random lesions', () => {
  const lesions = randomLesionRecords(20261207, 3000);

  it('random lesions include femoral neck lesions', () => {
    expect(lesions.filter((l) => l.regionId === 'femur-neck').length).toBeGreaterThan(20);
  });

  it.each([
    ['the neck counted as peritrochanteric', NECK_PERITROCHANTERIC],
    ['the neck counted as lower limb', NECK_LOWER_LIMB],
  ] as const)('%s: the worst case is never below it, and the Mirels range holds its span', (_name, reading) => {
    const understated: string[] = [];
    for (const lesion of lesions) {
      const product = scoreLesion(lesion);
      const outside = independentScores(lesion, reading);
      if (rank(product.urgency.worstCase) < rank(outside.urgency.highest)) understated.push(`${lesion.id} ${lesion.regionId}: worst case ${product.urgency.worstCase} < ${outside.urgency.highest}`);
      if (outside.mirels && product.mirels.applicable) {
        const [lo, hi] = product.mirels.range ?? [product.mirels.total!, product.mirels.total!];
        if (outside.mirels.min < lo || outside.mirels.max > hi) understated.push(`${lesion.id} ${lesion.regionId}: Mirels ${lo}-${hi} misses ${outside.mirels.min}-${outside.mirels.max}`);
      }
    }
    expect(understated).toEqual([]);
  });
});
