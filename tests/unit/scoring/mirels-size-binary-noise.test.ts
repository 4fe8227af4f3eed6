import { describe, expect, it } from 'vitest';
import { scoreLesion, scoreMirels } from '@shared/scoring';
import { compareExactRatio } from '../../support/exact-decimal';
import { makeLesion, typed } from '../../support/lesion-fixtures';

// A ratio computed in binary lands a few units of the last place off 1/3 or 2/3 (200/3 is stored as
// 66.66666666666667, above 2/3). The app reads such a value as the third it came from, so that it
// never drops a band; but read as the decimal it is stored as, it lies on its own side, and an
// outside implementation comparing in decimals (or in doubles) scores that side. So both are
// possible: a value stored just over 2/3 is size 2-3, one stored just under 1/3 size 1-2 (rule set
// v10; v9 read the latter as size 2 only, a certainty its stored decimal denies).

const sizeOf = (lesion: ReturnType<typeof makeLesion>) => scoreMirels(lesion).components.find((c) => c.id === 'size')!;

/** The size points the stored decimals give: 1 below 1/3, 2 on either third or between, 3 above 2/3. */
function decimalPoints(part: number, whole: number): number {
  if (compareExactRatio(part, whole, 1n, 3n) < 0) return 1;
  return compareExactRatio(part, whole, 2n, 3n) > 0 ? 3 : 2;
}

/** The points a size component allows: its own, or [lowest, highest] while undecided. */
const possiblePoints = (size: ReturnType<typeof sizeOf>) => (size.points !== null ? [size.points] : size.possiblePoints!);
const highest = (size: ReturnType<typeof sizeOf>) => Math.max(...possiblePoints(size));

describe('Mirels size near a third: binary noise never takes a point away', () => {
  it('an arc stored as 200/3 % (66.66666666666667, above 2/3) may score 3: an upper-limb mixed lesion with functional pain could be urgent', () => {
    const lesion = makeLesion({
      boneId: 'humerus', regionId: 'humerus-diaphysis', nature: 'mixed', mirelsSizeDefinition: 'circumferential-fraction',
      circumferentialInvolvementPct: typed(200 / 3), largestDimensionMm: typed(20), axialInvolvementMm: typed(10), pathologicalFracture: false,
      clinical: { mirelsPain: 'functional', newNeurologicalDeficit: false, persistentPainAfterRadiotherapy: false },
    });
    expect(possiblePoints(sizeOf(lesion))).toEqual([2, 3]);
    const scores = scoreLesion(lesion);
    expect(scores.mirels.range).toEqual([8, 9]);
    expect(scores.urgency.worstCase).toBe('urgent');
  });

  it('a width of 6.666666666666667 over a 10 mm diameter (above 2/3 as stored) may score 3, on one image or on two radiographs', () => {
    const base = { boneId: 'humerus', regionId: 'humerus-diaphysis', nature: 'mixed' as const, clinical: { mirelsPain: 'functional' as const } };
    expect(possiblePoints(sizeOf(makeLesion({ ...base, lesionWidthMm: typed(6.666666666666667), boneDiameterMm: typed(10) })))).toEqual([2, 3]);
    const detector = (value: number) => ({ ...typed(value), spacingPlane: 'detector' as const });
    expect(possiblePoints(sizeOf(makeLesion({ ...base, lesionWidthMm: detector(6.666666666666667), boneDiameterMm: detector(10) })))).toEqual([2, 3]);
  });

  it('for every arc of k/360 and k/3 of the circumference, and every width d x 2/3 or d / 3 over d (d 0.1-300 mm), the highest possible size is never below the stored decimal\'s', () => {
    const pcts = [...Array.from({ length: 361 }, (_, k) => (k / 360) * 100), ...Array.from({ length: 361 }, (_, k) => (k * 100) / 360), 100 / 3, 200 / 3, (1 / 3) * 100, (2 / 3) * 100];
    const arcsLost = pcts.filter((pct) => highest(sizeOf(makeLesion({ mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: typed(pct) }))) < decimalPoints(pct, 100));
    expect(arcsLost).toEqual([]);
    const widthsLost: Array<[number, number]> = [];
    for (let tenths = 1; tenths <= 3000; tenths++) {
      const d = tenths / 10;
      for (const w of [(d * 2) / 3, d / 3, d * (2 / 3), d * (1 / 3)]) {
        if (highest(sizeOf(makeLesion({ lesionWidthMm: typed(w), boneDiameterMm: typed(d) }))) < decimalPoints(w, d)) widthsLost.push([w, d]);
      }
    }
    expect(widthsLost).toEqual([]);
  });

  it('a value computed from a third and stored on it, above 1/3 or below 2/3 keeps its certain band (2/3 x 100, an arc of 240 of 360 degrees, 100/3)', () => {
    for (const pct of [(2 / 3) * 100, (240 / 360) * 100, 100 / 3]) {
      expect(sizeOf(makeLesion({ mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: typed(pct) })).points).toBe(2);
    }
  });

  it('a value stored a binary rounding under 1/3 is on 1/3 as computed or under it as stored: size 1-2, never only the higher ((1/3) x 100 %, an arc of 120 of 360 degrees, 14.999999999999998 / 45)', () => {
    for (const pct of [(1 / 3) * 100, (120 / 360) * 100]) {
      const size = sizeOf(makeLesion({ mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: typed(pct) }));
      expect(possiblePoints(size)).toEqual([1, 2]);
    }
    const size = sizeOf(makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', lesionWidthMm: typed(14.999999999999998), boneDiameterMm: typed(45) }));
    expect(possiblePoints(size)).toEqual([1, 2]);
    expect(size.missing).toBe(true);
  });

  it('a subtrochanteric mixed lesion with mild pain, its width at a detector 14.999999999999998 mm (magnification up to 1.5) over a 30 mm diameter: Mirels 7-8, routine unless the size is 1/3', () => {
    const lesion = makeLesion({
      boneId: 'femur', regionId: 'femur-subtrochanteric', nature: 'mixed', lesionWidthMm: { ...typed(14.999999999999998), spacingPlane: 'detector', maxMagnification: 1.5 }, boneDiameterMm: typed(30),
      largestDimensionMm: typed(20), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(20), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', newNeurologicalDeficit: false, lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false },
    });
    const scores = scoreLesion(lesion);
    expect(scores.mirels.range).toEqual([7, 8]);
    expect(scores.urgency).toMatchObject({ level: 'routine', worstCase: 'surgical-opinion' });
  });
});
