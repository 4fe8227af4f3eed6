import { describe, expect, it } from 'vitest';
import { scoreHarrington, scoreVanDerLinden } from '@shared/scoring';
import { referralUrgency } from '@shared/scoring/urgency';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';

/** A length measured on a drawing on a radiograph whose spacing lies at the detector (not corrected for magnification). */
const atDetector = (value: number): MeasuredMm => ({ ...fromAnnotation(value), spacingPlane: 'detector' });

describe('a length measured at a radiograph\'s detector, scored as the range of patient sizes the magnification (1.0-1.3) allows', () => {
  it('leaves Van der Linden\'s axial > 30 mm undecided for 34 mm at the detector (26.15-34 mm in the patient), and the referral possibly urgent, never routine-certain', () => {
    const lesion = makeLesion({ axialInvolvementMm: atDetector(34), circumferentialInvolvementPct: typed(10), clinical: { newNeurologicalDeficit: false } });
    const result = scoreVanDerLinden(lesion);
    const axial = result.components.find((c) => c.id === 'axial')!;
    expect(axial.met).toBeNull();
    expect(axial.value).toBe('34 mm at the detector (26.15-34 mm in the patient, magnification 1.0-1.3 not corrected)');
    expect(result.flagged).toBeNull();
    expect(result.reasons).toEqual([]);
    expect(result.missingInputs).toEqual(['axial cortical involvement in the patient plane (mm)']);
    expect(result.notes.some((n) => n.startsWith('axial cortical involvement 34 mm at the detector') && n.includes('> 30 mm undecided'))).toBe(true);
    const urgency = referralUrgency(lesion);
    expect(urgency.worstCase).toBe('urgent');
    expect(urgency.worstCaseReasons.join(' | ')).toContain('axial cortical involvement > 30 mm: 34 mm at the detector (26.15-34 mm in the patient');
  });

  it('meets the axial criterion when even the largest magnification leaves it above 30 mm (40 mm at the detector: at least 30.769 mm, shown cut down to 30.76), misses it when the detector length is 30 mm or less', () => {
    const met = scoreVanDerLinden(makeLesion({ axialInvolvementMm: atDetector(40), circumferentialInvolvementPct: typed(10) }));
    expect(met.flagged).toBe(true);
    expect(met.reasons).toEqual(['axial cortical involvement 40 mm at the detector (30.76-40 mm in the patient, magnification 1.0-1.3 not corrected) > 30 mm']);
    expect(scoreVanDerLinden(makeLesion({ axialInvolvementMm: atDetector(30), circumferentialInvolvementPct: typed(10) })).flagged).toBe(false);
  });

  it('scores the same length in the patient plane (a CT, a calibrated radiograph, a typed value) as before', () => {
    for (const value of [fromAnnotation(34), typed(34), { ...fromAnnotation(34), spacingPlane: 'calibrated' as const }, { ...fromAnnotation(34), spacingPlane: 'magnification-corrected' as const }]) {
      const result = scoreVanDerLinden(makeLesion({ axialInvolvementMm: value, circumferentialInvolvementPct: typed(10) }));
      expect(result.flagged).toBe(true);
      expect(result.reasons).toEqual(['axial cortical involvement 34 mm > 30 mm']);
    }
  });

  it('leaves Harrington\'s lesion >= 2.5 cm undecided for 30 mm at the detector (23.08-30 mm), met for 33 mm (25.38 mm at least)', () => {
    const undecided = scoreHarrington(makeLesion({ largestDimensionMm: atDetector(30), circumferentialInvolvementPct: typed(10), clinical: { lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false } }));
    expect(undecided.components.find((c) => c.id === 'size')!.met).toBeNull();
    expect(undecided.flagged).toBeNull();
    expect(referralUrgency(makeLesion({ largestDimensionMm: atDetector(30), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, axialInvolvementMm: typed(5), clinical: { lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false } })).worstCase).not.toBe('routine');
    const met = scoreHarrington(makeLesion({ largestDimensionMm: atDetector(33), circumferentialInvolvementPct: typed(10), clinical: { lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false } }));
    expect(met.flagged).toBe(true);
  });

  it('keeps the axial rule of another long bone possible for a detector-plane length it cannot decide, with the range as its reason', () => {
    const humerus = makeLesion({ boneId: 'humerus', regionId: null, axialInvolvementMm: atDetector(34), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false } });
    const urgency = referralUrgency(humerus);
    expect(urgency.level).not.toBe('urgent');
    expect(urgency.worstCase).toBe('urgent');
    expect(urgency.worstCaseReasons.join(' | ')).toContain('axial cortical involvement > 30 mm on the humerus: 34 mm at the detector (26.15-34 mm in the patient');
  });

  it('shows the smallest patient size cut down, never rounded up: a range shown narrower than the inputs allow claims more than they do', () => {
    // 28 mm under a stated magnification of 1.85: at least 15.1351... mm in the patient, not 15.14.
    const stated: MeasuredMm = { ...atDetector(28), maxMagnification: 1.85 };
    const size = scoreHarrington(makeLesion({ largestDimensionMm: stated })).components.find((c) => c.id === 'size')!;
    expect(size.value).toBe('28 mm at the detector (15.13-28 mm in the patient, magnification 1.0-1.85 not corrected)');
  });
});
