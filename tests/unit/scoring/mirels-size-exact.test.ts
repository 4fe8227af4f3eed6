import { describe, expect, it } from 'vitest';
import { compareRatio, mirelsSizeBandsOf, scoreLesion, scoreMirels } from '@shared/scoring';

/** The one band a ratio falls in, or the list of them when it could be in several. */
const mirelsSizeBandOf = (num: number, den: number) => mirelsSizeBandsOf(num, den).join(' or ');
import { makeLesion, typed } from '../../support/lesion-fixtures';

/** The number a reader gets by typing hundredths/100 with two decimals ("3.30" reads as 3.3). */
const typedHundredths = (hundredths: number) => Number(`${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`);

/** Every (width, diameter) pair, both typed with one or two decimals up to 300 mm, whose ratio is exactly num/den. */
function pairsOnFraction(num: number, den: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  // width = num*k/100 and diameter = den*k/100 are both two-decimal numbers for every k.
  for (let k = 1; den * k <= 30_000; k++) pairs.push([typedHundredths(num * k), typedHundredths(den * k)]);
  return pairs;
}

describe('Mirels size: exact decimal comparison at 1/3 and 2/3', () => {
  const oneThird = pairsOnFraction(1, 3);
  const twoThirds = pairsOnFraction(2, 3);

  it('the grids are ones binary floating point gets wrong (so the test can fail)', () => {
    // In doubles, 3 * width and diameter disagree for many of these exact pairs.
    expect(oneThird.filter(([w, d]) => w * 3 !== d).length).toBeGreaterThan(100);
    expect(twoThirds.filter(([w, d]) => w * 3 !== d * 2).length).toBeGreaterThan(100);
    expect(oneThird.length).toBe(10_000);
    expect(twoThirds.length).toBe(10_000);
  });

  it('every one- and two-decimal width/diameter pair exactly on 1/3 scores size 2 (1/3 - 2/3)', () => {
    const wrong = oneThird.filter(([w, d]) => mirelsSizeBandOf(w, d) !== 'one-to-two-thirds');
    expect(wrong).toEqual([]);
  });

  it('every one- and two-decimal width/diameter pair exactly on 2/3 scores size 2 (1/3 - 2/3)', () => {
    const wrong = twoThirds.filter(([w, d]) => mirelsSizeBandOf(w, d) !== 'one-to-two-thirds');
    expect(wrong).toEqual([]);
  });

  it('one hundredth either side of the boundaries leaves it', () => {
    for (const [w, d] of oneThird.filter((_, i) => i % 97 === 0)) {
      expect(mirelsSizeBandOf(typedHundredths(Math.round(w * 100) - 1), d)).toBe('under-one-third');
    }
    for (const [w, d] of twoThirds.filter((_, i) => i % 97 === 0)) {
      expect(mirelsSizeBandOf(typedHundredths(Math.round(w * 100) + 1), d)).toBe('over-two-thirds');
    }
  });

  it.each([
    ['2/3 * 100', (2 / 3) * 100, 'one-to-two-thirds'],
    // Stored as 66.66666666666667, above 2/3: on it as computed, over it as stored (mirels-size-binary-noise).
    ['200 / 3', 200 / 3, 'one-to-two-thirds or over-two-thirds'],
    ['an arc of 240 of 360 degrees', (240 / 360) * 100, 'one-to-two-thirds'],
    // Stored as 33.33333333333333, under 1/3: on it as computed, under it as stored (rule set v10).
    ['1/3 * 100', (1 / 3) * 100, 'under-one-third or one-to-two-thirds'],
    ['100 / 3', 100 / 3, 'one-to-two-thirds'],
    ['an arc of 120 of 360 degrees', (120 / 360) * 100, 'under-one-third or one-to-two-thirds'],
    ['33.33 typed', 33.33, 'under-one-third'],
    ['33.34 typed', 33.34, 'one-to-two-thirds'],
    ['66.66 typed', 66.66, 'one-to-two-thirds'],
    ['66.67 typed', 66.67, 'over-two-thirds'],
  ] as const)('a circumferential percentage stored from %s scores as the fraction it is', (_label, pct, band) => {
    expect(mirelsSizeBandOf(pct, 100)).toBe(band);
    const lesion = makeLesion({ mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: typed(pct) });
    const points = { 'under-one-third': 1, 'one-to-two-thirds': 2, 'over-two-thirds': 3 } as Record<string, number>;
    expect(scoreMirels(lesion).components.find((c) => c.id === 'size')?.points).toBe(points[band] ?? null);
  });

  it('width 3.3 over diameter 9.9 is Mirels 8 (surgical opinion), not 7; 35.2 over 52.8 is size 2, not 3', () => {
    const base = { boneId: 'femur', regionId: 'femur-diaphysis', nature: 'lytic' as const, clinical: { mirelsPain: 'mild' as const } };
    const atOneThird = scoreLesion(makeLesion({ ...base, lesionWidthMm: typed(3.3), boneDiameterMm: typed(9.9) }));
    expect(atOneThird.mirels.total).toBe(8);
    expect(atOneThird.urgency.level).toBe('surgical-opinion');
    const atTwoThirds = scoreMirels(makeLesion({ ...base, lesionWidthMm: typed(35.2), boneDiameterMm: typed(52.8) }));
    expect(atTwoThirds.components.find((c) => c.id === 'size')?.points).toBe(2);
  });

  it('reads numbers in exponent form exactly and refuses a ratio that is not one', () => {
    expect(compareRatio(1e-7, 3e-7, { num: 1, den: 3 })).toBe(0);
    expect(compareRatio(1e21, 3e21, { num: 1, den: 3 })).toBe(0);
    expect(compareRatio(1, 3.0001, { num: 1, den: 3 })).toBe(-1);
    expect(() => compareRatio(1, 0, { num: 1, den: 3 })).toThrow(RangeError);
  });
});

describe('Mirels size as a reader checks it: the fraction shown is never rounded across or onto 1/3 or 2/3', () => {
  // "0.67 (lesion width 20 mm / bone diameter 30 mm)" scored 2 points and "0.67 (20.1 mm / 30 mm)"
  // 3 points: the shown figure must say on which side of the boundary the ratio lies.
  const sizeOf = (lesion: ReturnType<typeof makeLesion>) => scoreMirels(lesion).components.find((c) => c.id === 'size')!;
  const byWidth = (w: number, d: number) => sizeOf(makeLesion({ lesionWidthMm: typed(w), boneDiameterMm: typed(d) }));
  const byArc = (pct: number) => sizeOf(makeLesion({ mirelsSizeDefinition: 'circumferential-fraction', circumferentialInvolvementPct: typed(pct) }));

  it.each([
    [20, 30, /^2\/3 \(/, 2],
    [20.1, 30, /^0\.67 \(/, 3],
    [19.99, 30, /^0\.666 \(/, 2],
    [10, 30, /^1\/3 \(/, 2],
    [9.9, 30, /^0\.33 \(/, 1],
    [10.01, 30, /^0\.334 \(/, 2],
    [18, 40, /^0\.45 \(/, 2],
  ] as const)('width %d mm / diameter %d mm shows %s and gives %d points', (w, d, shown, points) => {
    const size = byWidth(w, d);
    expect(size.points).toBe(points);
    expect(size.value).toMatch(shown);
  });

  it.each([
    [(2 / 3) * 100, /^2\/3 of the circumference/, 2],
    [66.67, /^66\.67% of the circumference/, 3],
    [66.666, /^66\.666% of the circumference/, 2],
    [100 / 3, /^1\/3 of the circumference/, 2],
    [33.333, /^33\.33% of the circumference/, 1],
    [33.334, /^33\.334% of the circumference/, 2],
    [45, /^45% of the circumference/, 2],
  ] as const)('a circumferential %d% shows %s and gives %d points', (pct, shown, points) => {
    const size = byArc(pct);
    expect(size.points).toBe(points);
    expect(size.value).toMatch(shown);
  });
});
