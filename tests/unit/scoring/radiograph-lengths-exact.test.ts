import { describe, expect, it } from 'vitest';
import { scoreHarrington, scoreVanDerLinden } from '@shared/scoring';
import { referralUrgency } from '@shared/scoring/urgency';
import { exceedsInPatient } from '@shared/scoring/patient-size';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { compareExactRatio } from '../../support/exact-decimal';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';

// A length at a radiograph's detector whose header states a magnification m is v / m to v in the
// patient. Exactly on a limit times m (42 mm at 1.4 is 30 mm at least), the patient's smallest
// length is the limit itself: Van der Linden's "> 30 mm" is then undecided and Harrington's
// ">= 25 mm" met. Divided in doubles, v / m lands a unit of the last place either side of the limit
// for about half the factors, so the rule claimed a certainty the image does not give, or missed one:
// 34 mm at 1.36 gave 24.999999999999996 mm (Harrington's >= 25 mm undecided, the surgical opinion
// only possible), 42 mm at 1.4 gave 30.000000000000004 mm (Van der Linden's > 30 mm claimed met).

/** A length drawn on a radiograph's detector whose header states a magnification. */
const atDetector = (value: number, maxMagnification: number): MeasuredMm => ({ ...fromAnnotation(value), spacingPlane: 'detector', maxMagnification });

/** The decided answer in the decimals as stored: the smallest patient length value / m against the limit, and the value itself. */
function expected(value: number, m: number, limit: number, inclusive: boolean): boolean | null {
  const meets = (sign: number) => (inclusive ? sign >= 0 : sign > 0);
  const [mNum, mDen] = [BigInt(Math.round(m * 100)), 100n];
  if (meets(compareExactRatio(value, limit, mNum, mDen))) return true;
  return meets(compareExactRatio(value, limit, 1n, 1n)) ? null : false;
}

describe("a detector length exactly on a limit times the header's magnification", () => {
  it('42 mm at the detector of a radiograph magnified up to 1.4 is 30-42 mm in the patient: axial > 30 mm undecided, the referral possibly urgent, not certainly', () => {
    const lesion = makeLesion({
      nature: 'blastic', axialInvolvementMm: atDetector(42, 1.4), circumferentialInvolvementPct: fromAnnotation(10), largestDimensionMm: fromAnnotation(10),
      lesionWidthMm: fromAnnotation(5), boneDiameterMm: fromAnnotation(30), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', newNeurologicalDeficit: false, lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false },
    });
    expect(scoreVanDerLinden(lesion).components.find((c) => c.id === 'axial')).toMatchObject({
      met: null, possiblePoints: [0, 1], value: '42 mm at the detector (30-42 mm in the patient, magnification 1.0-1.4 not corrected)',
    });
    expect(referralUrgency(lesion)).toMatchObject({ level: 'routine', worstCase: 'urgent' });
  });

  it('41.7 mm at the detector of a radiograph magnified up to 1.39 is exactly 30 mm at the least: axial > 30 mm undecided, as 42 mm at 1.4', () => {
    for (const [value, magnification] of [[42, 1.4], [41.7, 1.39]] as const) {
      const result = scoreVanDerLinden(makeLesion({ axialInvolvementMm: atDetector(value, magnification), circumferentialInvolvementPct: typed(10) }));
      const axial = result.components.find((c) => c.id === 'axial')!;
      expect(axial.met).toBeNull();
      expect(result.reasons).toEqual([]);
      expect(axial.value).toBe(`${value} mm at the detector (30-${value} mm in the patient, magnification 1.0-${magnification} not corrected)`);
    }
  });

  it('34 mm at the detector of a radiograph magnified up to 1.36 is at least 25 mm in the patient: Harrington met', () => {
    const lesion = makeLesion({ largestDimensionMm: atDetector(34, 1.36) });
    expect(scoreHarrington(lesion).components.find((c) => c.id === 'size')).toMatchObject({ met: true, points: 1 });
    expect(scoreHarrington(lesion).reasons).toEqual(['lesion 34 mm at the detector (25-34 mm in the patient, magnification 1.0-1.36 not corrected) >= 25 mm (2.5 cm)']);
  });

  it('34 mm at 1.36 in a humeral diaphysis flags Harrington, and the surgical opinion is due', () => {
    const lesion = makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', largestDimensionMm: atDetector(34, 1.36), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, axialInvolvementMm: typed(10), clinical: { persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false } });
    const result = scoreHarrington(lesion);
    const size = result.components.find((c) => c.id === 'size')!;
    expect(size.met).toBe(true);
    expect(size.value).toBe('34 mm at the detector (25-34 mm in the patient, magnification 1.0-1.36 not corrected)');
    expect(result.flagged).toBe(true);
    expect(referralUrgency(lesion).level).not.toBe('routine');
  });

  it('still decides a length a hair past the exact product', () => {
    expect(scoreVanDerLinden(makeLesion({ axialInvolvementMm: atDetector(42.01, 1.4), circumferentialInvolvementPct: typed(10) })).flagged).toBe(true);
    expect(scoreHarrington(makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', largestDimensionMm: atDetector(33.99, 1.36), circumferentialInvolvementPct: typed(10), clinical: { persistentPainAfterRadiotherapy: false } })).components.find((c) => c.id === 'size')!.met).toBeNull();
  });

  it('for every stated factor 1.31-5.00 and each limit (>= 25 mm, > 30 mm), a typed length on limit x m and 0.01 mm either side is decided as its decimals say', () => {
    const wrong: string[] = [];
    for (let hundredths = 131; hundredths <= 500; hundredths++) {
      const m = hundredths / 100;
      for (const [limit, inclusive] of [[25, true], [30, false]] as const) {
        const onLimit = Number(((limit * hundredths) / 100).toFixed(4));
        for (const value of [onLimit, Number((onLimit - 0.01).toFixed(4)), Number((onLimit + 0.01).toFixed(4))]) {
          const got = exceedsInPatient(atDetector(value, m), limit, inclusive);
          const want = expected(value, m, limit, inclusive);
          if (got !== want) wrong.push(`${value} mm at 1.0-${m}, ${inclusive ? '>=' : '>'} ${limit}: ${String(got)}, not ${String(want)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
