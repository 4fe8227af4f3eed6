import { describe, expect, it } from 'vitest';
import { scoreMirels, scoreSins, scoreHarrington, scoreVanDerLinden } from '@shared/scoring';
import { referralUrgency } from '@shared/scoring/urgency';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { fromAnnotation, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

/** A length drawn on a radiograph whose spacing lies at the detector (magnification 1.0-1.3 not corrected). */
const atDetector = (value: number): MeasuredMm => ({ ...fromAnnotation(value), spacingPlane: 'detector' });

describe('one name per missing input, whichever score or rule misses it', () => {
  it('names an unrecorded lesion nature alike in Mirels and in SINS', () => {
    const femur = scoreMirels(makeLesion({ nature: null }));
    const vertebra = scoreSins(makeSpineLesion('T6', { nature: null }));
    expect(femur.missingInputs).toContain('lesion nature (lytic/mixed/blastic)');
    expect(vertebra.missingInputs).toContain('lesion nature (lytic/mixed/blastic)');
  });

  it('names a radiograph\'s undecided axial length "in the patient plane" on the femur as on the tibia', () => {
    const known = { circumferentialInvolvementPct: typed(10), clinical: { newNeurologicalDeficit: false } } as const;
    const femur = referralUrgency(makeLesion({ ...known, axialInvolvementMm: atDetector(34) }));
    const tibia = referralUrgency(makeLesion({ ...known, boneId: 'tibia', regionId: 'tibia-diaphysis', axialInvolvementMm: atDetector(34) }));
    expect(femur.missingInputs).toContain('axial cortical involvement in the patient plane');
    expect(tibia.missingInputs).toContain('axial cortical involvement in the patient plane');
    expect(femur.missingInputs).not.toContain('axial cortical involvement');
  });

  it('lists an input a score and a rule both miss once, without the unit the score adds', () => {
    const lesion = makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', circumferentialInvolvementPct: null, largestDimensionMm: atDetector(30) });
    expect(scoreHarrington(lesion).missingInputs).toEqual(expect.arrayContaining(['circumferential involvement (%)', 'largest dimension in the patient plane (mm)']));
    const urgency = referralUrgency(lesion);
    expect(urgency.missingInputs.filter((i) => i.startsWith('circumferential involvement'))).toEqual(['circumferential involvement']);
    expect(urgency.missingInputs).toContain('largest dimension in the patient plane');
    expect(scoreVanDerLinden(makeLesion({ axialInvolvementMm: null, circumferentialInvolvementPct: null })).missingInputs).toEqual(['axial cortical involvement (mm)', 'circumferential involvement (%)']);
  });
});
