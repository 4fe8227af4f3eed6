import { describe, expect, it } from 'vitest';
import { scoreHarrington, scoreVanDerLinden } from '@shared/scoring';
import { referralUrgency } from '@shared/scoring/urgency';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';

// A radiograph's length divided by its stated magnification in binary floating point landed a hair
// off the threshold it equals exactly: 34 mm at 1.36 gave 24.999999999999996 mm (Harrington's
// >= 25 mm undecided, the surgical opinion only possible), 42 mm at 1.4 gave 30.000000000000004 mm
// (Van der Linden's > 30 mm claimed met where the patient's size may be exactly 30 mm).

/** A length drawn at a radiograph's detector whose header states `magnification`. */
const atDetector = (value: number, magnification: number): MeasuredMm => ({ ...fromAnnotation(value), spacingPlane: 'detector', maxMagnification: magnification });

describe('a detector length whose smallest patient size is exactly a threshold', () => {
  it('meets Harrington\'s >= 25 mm at 34 mm over magnification 1.0-1.36 (25-34 mm in the patient), and the surgical opinion is due', () => {
    const lesion = makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', largestDimensionMm: atDetector(34, 1.36), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, axialInvolvementMm: typed(10), clinical: { persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false } });
    const result = scoreHarrington(lesion);
    const size = result.components.find((c) => c.id === 'size')!;
    expect(size.met).toBe(true);
    expect(size.value).toBe('34 mm at the detector (25-34 mm in the patient, magnification 1.0-1.36 not corrected)');
    expect(result.flagged).toBe(true);
    expect(referralUrgency(lesion).level).not.toBe('routine');
  });

  it('leaves Van der Linden\'s > 30 mm undecided at 42 mm over 1.0-1.4 and at 41.7 mm over 1.0-1.39 (exactly 30 mm at the least)', () => {
    for (const [value, magnification] of [[42, 1.4], [41.7, 1.39]] as const) {
      const result = scoreVanDerLinden(makeLesion({ axialInvolvementMm: atDetector(value, magnification), circumferentialInvolvementPct: typed(10) }));
      const axial = result.components.find((c) => c.id === 'axial')!;
      expect(axial.met).toBeNull();
      expect(result.reasons).toEqual([]);
      expect(axial.value).toBe(`${value} mm at the detector (30-${value} mm in the patient, magnification 1.0-${magnification} not corrected)`);
    }
  });

  it('still decides a length a hair past the exact product', () => {
    expect(scoreVanDerLinden(makeLesion({ axialInvolvementMm: atDetector(42.01, 1.4), circumferentialInvolvementPct: typed(10) })).flagged).toBe(true);
    expect(scoreHarrington(makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', largestDimensionMm: atDetector(33.99, 1.36), circumferentialInvolvementPct: typed(10), clinical: { persistentPainAfterRadiotherapy: false } })).components.find((c) => c.id === 'size')!.met).toBeNull();
  });
});
