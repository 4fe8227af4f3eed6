import { describe, expect, it } from 'vitest';
import { referralUrgency, UrgencySchema } from '@shared/scoring';
import { makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

type Overrides = Parameters<typeof makeLesion>[0];

/** A femoral-shaft lesion with every input known and nothing raised: Mirels 2+1+1+1 = 5, routine. */
function quietFemur(overrides: Overrides = {}) {
  return makeLesion({
    nature: 'blastic',
    lesionWidthMm: typed(5),
    boneDiameterMm: typed(30),
    largestDimensionMm: typed(10),
    circumferentialInvolvementPct: typed(10),
    axialInvolvementMm: typed(10),
    pathologicalFracture: false,
    ...overrides,
    clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false, ...overrides?.clinical },
  });
}

/** A T6 lesion with every input known: SINS 1 + chosen components, ESCC 0, no deficit, no fracture, little cortex involved. */
function quietSpine(overrides: Overrides = {}) {
  return makeSpineLesion('T6', {
    nature: 'blastic',
    pathologicalFracture: false,
    axialInvolvementMm: typed(5),
    circumferentialInvolvementPct: typed(10),
    largestDimensionMm: typed(12),
    ...overrides,
    clinical: { sinsPain: 'pain-free', newNeurologicalDeficit: false, persistentPainAfterRadiotherapy: false, ...overrides?.clinical },
    spine: { alignment: 'normal', collapse: 'none-of-these', posterolateralInvolvement: 'none', esccGrade: '0', ...overrides?.spine },
  });
}

describe('referral urgency: each rule with its reason', () => {
  it('is routine, and certain, when nothing is raised', () => {
    const u = referralUrgency(quietFemur());
    expect(u).toMatchObject({ level: 'routine', worstCase: 'routine', dependsOnMissingInputs: false, reasons: [], missingInputs: [] });
    expect(UrgencySchema.parse(u)).toEqual(u);
    expect(referralUrgency(quietSpine()).level).toBe('routine');
  });

  it.each([
    ['2', 'ESCC grade 2 (cord compressed, CSF visible) is high grade (2-3)'],
    ['3', 'ESCC grade 3 (cord compressed, no CSF) is high grade (2-3)'],
  ] as const)('ESCC %s is an emergency', (esccGrade, reason) => {
    const u = referralUrgency(quietSpine({ spine: { esccGrade } }));
    expect(u.level).toBe('emergency');
    expect(u.reasons).toEqual([reason]);
  });

  it('ESCC 1c is not an emergency', () => {
    expect(referralUrgency(quietSpine({ spine: { esccGrade: '1c' } })).level).toBe('routine');
  });

  it('a new neurological deficit is an emergency, wherever the lesion is', () => {
    expect(referralUrgency(quietSpine({ clinical: { newNeurologicalDeficit: true } }))).toMatchObject({ level: 'emergency', reasons: ['new neurological deficit recorded'] });
    expect(referralUrgency(quietFemur({ clinical: { newNeurologicalDeficit: true } })).level).toBe('emergency');
  });

  it('SINS 13 is urgent, 12 and 7 surgical opinion, 6 routine', () => {
    const at = (overrides: Overrides) => referralUrgency(quietSpine(overrides));
    // T6 semi-rigid 1 + mechanical 3 + lytic 2 + subluxation 4 + collapse > 50% 3 = 13.
    const thirteen = at({ nature: 'lytic', clinical: { sinsPain: 'mechanical' }, spine: { alignment: 'subluxation-translation', collapse: 'over-50' } });
    expect(thirteen).toMatchObject({ level: 'urgent', reasons: ['SINS 13 >= 13'] });
    const twelve = at({ nature: 'lytic', clinical: { sinsPain: 'mechanical' }, spine: { alignment: 'subluxation-translation', collapse: 'under-50' } });
    expect(twelve).toMatchObject({ level: 'surgical-opinion', reasons: ['SINS 12 in 7-12'] });
    const seven = at({ clinical: { sinsPain: 'mechanical' }, spine: { collapse: 'over-50' } });
    expect(seven).toMatchObject({ level: 'surgical-opinion', reasons: ['SINS 7 in 7-12'] });
    const six = at({ nature: 'lytic', clinical: { sinsPain: 'mechanical' } });
    expect(six).toMatchObject({ level: 'routine', reasons: [] });
  });

  it('Mirels 9 is urgent, 8 surgical opinion, 7 routine', () => {
    const mirels = (nature: 'blastic' | 'mixed' | 'lytic', mirelsPain: 'mild' | 'moderate' | 'functional') =>
      referralUrgency(quietFemur({ nature, lesionWidthMm: typed(15), clinical: { mirelsPain } }));
    expect(mirels('lytic', 'moderate')).toMatchObject({ level: 'urgent', reasons: ['Mirels 9 >= 9'] });
    expect(mirels('lytic', 'mild')).toMatchObject({ level: 'surgical-opinion', reasons: ['Mirels 8 = 8 (borderline)'] });
    expect(mirels('mixed', 'mild')).toMatchObject({ level: 'routine', reasons: [] });
  });

  it('Van der Linden criteria are urgent, with the measured values', () => {
    expect(referralUrgency(quietFemur({ axialInvolvementMm: typed(34) }))).toMatchObject({ level: 'urgent', reasons: ['axial cortical involvement 34 mm > 30 mm'] });
    const circ = referralUrgency(quietFemur({ circumferentialInvolvementPct: typed(62) }));
    expect(circ.level).toBe('urgent');
    expect(circ.reasons).toContain('circumferential involvement 62% > 50%');
    expect(referralUrgency(quietFemur({ axialInvolvementMm: typed(30), circumferentialInvolvementPct: typed(50) })).level).toBe('routine');
  });

  it('a pathological fracture is urgent', () => {
    expect(referralUrgency(quietFemur({ pathologicalFracture: true }))).toMatchObject({ level: 'urgent', reasons: ['pathological fracture recorded'] });
  });

  it('a Harrington criterion asks for a surgical opinion', () => {
    const u = referralUrgency(quietFemur({ largestDimensionMm: typed(27) }));
    expect(u).toMatchObject({ level: 'surgical-opinion', reasons: ['Harrington criterion met: lesion 27 mm >= 25 mm (2.5 cm)'] });
  });

  it('lists every met rule, most urgent first', () => {
    const u = referralUrgency(quietFemur({ largestDimensionMm: typed(27), pathologicalFracture: true, clinical: { newNeurologicalDeficit: true } }));
    expect(u.level).toBe('emergency');
    expect(u.reasons).toEqual(['new neurological deficit recorded', 'pathological fracture recorded', 'Harrington criterion met: lesion 27 mm >= 25 mm (2.5 cm)']);
    expect(u.summary).toBe('emergency: new neurological deficit recorded; pathological fracture recorded; Harrington criterion met: lesion 27 mm >= 25 mm (2.5 cm)');
  });
});

describe('referral urgency with missing inputs', () => {
  it('says when a SINS range spans the urgent threshold', () => {
    // T6 1 + lytic 2 + subluxation 4 + collapse > 50% 3 = 10, pain unknown (0-3): 10-13.
    const u = referralUrgency(quietSpine({ nature: 'lytic', clinical: { sinsPain: null }, spine: { alignment: 'subluxation-translation', collapse: 'over-50' } }));
    expect(u.level).toBe('surgical-opinion');
    expect(u.reasons).toEqual(['SINS 10-13 >= 7']);
    expect(u.worstCase).toBe('urgent');
    expect(u.dependsOnMissingInputs).toBe(true);
    expect(u.worstCaseReasons).toEqual(['urgent if SINS 10-13 reaches >= 13']);
    expect(u.missingInputs).toEqual(['pain (mechanical/occasional/pain-free)']);
    expect(u.summary).toBe('surgical opinion: SINS 10-13 >= 7; could be urgent depending on pain (mechanical/occasional/pain-free)');
  });

  it('says when a Mirels range spans 9 from below 8', () => {
    const u = referralUrgency(quietFemur({ nature: 'mixed', lesionWidthMm: typed(15), clinical: { mirelsPain: null } }));
    expect(u.level).toBe('routine');
    expect(u.worstCase).toBe('urgent');
    expect(u.worstCaseReasons).toEqual(['urgent if Mirels 7-9 reaches >= 9']);
    expect(u.missingInputs).toEqual(['pain (mild/moderate/functional)']);
    // 8-10: at least borderline (surgical opinion), possibly urgent.
    const higher = referralUrgency(quietFemur({ nature: 'lytic', lesionWidthMm: typed(15), clinical: { mirelsPain: null } }));
    expect(higher).toMatchObject({ level: 'surgical-opinion', worstCase: 'urgent', reasons: ['Mirels 8-10 >= 8'] });
  });

  it('is certain when the whole range lies above a threshold', () => {
    const u = referralUrgency(quietFemur({ regionId: 'femur-intertrochanteric', nature: 'lytic', lesionWidthMm: typed(25), clinical: { mirelsPain: null } }));
    expect(u.level).toBe('urgent');
    expect(u.reasons).toEqual(['Mirels 10-12 >= 9']);
    expect(u.dependsOnMissingInputs).toBe(false);
  });

  it('takes an unrecorded ESCC grade or neurology of a spinal lesion as a possible emergency', () => {
    const u = referralUrgency(quietSpine({ clinical: { newNeurologicalDeficit: null }, spine: { esccGrade: null } }));
    expect(u.level).toBe('routine');
    expect(u.worstCase).toBe('emergency');
    expect(u.missingInputs).toEqual(['ESCC grade', 'new neurological deficit']);
    expect(u.worstCaseReasons).toEqual(['emergency if ESCC grade is 2-3 (not recorded)', 'emergency if a new neurological deficit is present (not recorded)']);
  });

  it('takes unrecorded neurology on a long bone as a possible emergency too: the rule names no site', () => {
    const u = referralUrgency(quietFemur({ clinical: { newNeurologicalDeficit: null } }));
    expect(u).toMatchObject({ level: 'routine', worstCase: 'emergency', dependsOnMissingInputs: true, missingInputs: ['new neurological deficit'] });
    expect(u.worstCaseReasons).toEqual(['emergency if a new neurological deficit is present (not recorded)']);
    expect(u.summary).toBe('routine; could be emergency depending on new neurological deficit');
    // Whatever else is certain stays the level: a recorded fracture is urgent, neurology still open.
    expect(referralUrgency(quietFemur({ pathologicalFracture: true, clinical: { newNeurologicalDeficit: null } }))).toMatchObject({ level: 'urgent', worstCase: 'emergency', missingInputs: ['new neurological deficit'] });
  });

  it('takes an unrecorded pathological fracture or cortical measurement as possibly urgent', () => {
    expect(referralUrgency(quietFemur({ pathologicalFracture: null }))).toMatchObject({ level: 'routine', worstCase: 'urgent', missingInputs: ['pathological fracture'] });
    const noAxial = referralUrgency(quietFemur({ axialInvolvementMm: null }));
    expect(noAxial.worstCase).toBe('urgent');
    expect(noAxial.missingInputs).toEqual(['axial cortical involvement']);
    expect(noAxial.worstCaseReasons).toEqual(['urgent if axial cortical involvement > 30 mm (not measured)']);
  });

  it('reports an undecided Harrington as a possible surgical opinion', () => {
    const u = referralUrgency(quietFemur({ clinical: { persistentPainAfterRadiotherapy: null } }));
    expect(u).toMatchObject({ level: 'routine', worstCase: 'surgical-opinion', missingInputs: ['persistent pain after radiotherapy'] });
  });
});

describe('the urgent cortical rule on a bone that is not a long bone (it names no bone)', () => {
  /** An iliac wing lesion with neurology and fracture recorded: nothing else raises it. */
  const ilium = (overrides: Overrides = {}) =>
    makeLesion({ boneId: 'ilium', regionId: null, laterality: 'left', nature: 'lytic', largestDimensionMm: typed(20), pathologicalFracture: false, lesionWidthMm: null, boneDiameterMm: null, ...overrides, clinical: { newNeurologicalDeficit: false, persistentPainAfterRadiotherapy: false } });

  it('is urgent with axial involvement over 30 mm or circumferential over 50% recorded, and says where the threshold comes from', () => {
    const axial = referralUrgency(ilium({ axialInvolvementMm: typed(35), circumferentialInvolvementPct: typed(10) }));
    expect(axial).toMatchObject({ level: 'urgent', worstCase: 'urgent' });
    expect(axial.reasons.join(' ')).toContain('axial cortical involvement 35 mm > 30 mm on the ilium');
    const circ = referralUrgency(ilium({ axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(60) }));
    expect(circ.level).toBe('urgent');
    expect(circ.reasons.join(' ')).toContain("the referral rule's threshold, which names no bone");
  });

  it('is a possible urgency while the cortical involvement is not measured, and routine once it is small', () => {
    expect(referralUrgency(ilium({ axialInvolvementMm: null, circumferentialInvolvementPct: null }))).toMatchObject({ level: 'routine', worstCase: 'urgent', missingInputs: ['axial cortical involvement', 'circumferential involvement'] });
    expect(referralUrgency(ilium({ axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(10) }))).toMatchObject({ level: 'routine', worstCase: 'routine' });
  });
});

// Rule set v8: CLINICAL.md's Harrington criteria and the referral rule reading them name no site.
describe('Harrington on a bone that is not a long bone', () => {
  const small = { axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(10), largestDimensionMm: typed(20) };
  const scapula = (overrides: Overrides = {}) =>
    makeLesion({ boneId: 'scapula', regionId: null, laterality: 'left', nature: 'lytic', pathologicalFracture: false, ...small, ...overrides, clinical: { newNeurologicalDeficit: false, persistentPainAfterRadiotherapy: false, ...overrides.clinical } });

  it('asks for a surgical opinion for a lesion of 2.5 cm or more, or pain persisting after radiotherapy', () => {
    expect(referralUrgency(scapula())).toMatchObject({ level: 'routine', worstCase: 'routine' });
    const large = referralUrgency(scapula({ largestDimensionMm: typed(26) }));
    expect(large).toMatchObject({ level: 'surgical-opinion', worstCase: 'surgical-opinion' });
    expect(large.reasons).toEqual(['Harrington criterion met: lesion 26 mm >= 25 mm (2.5 cm)']);
    expect(referralUrgency(scapula({ clinical: { persistentPainAfterRadiotherapy: true } })).level).toBe('surgical-opinion');
  });

  it('is a possible surgical opinion while the pain after radiotherapy is not recorded', () => {
    const u = referralUrgency(scapula({ clinical: { persistentPainAfterRadiotherapy: null } }));
    expect(u).toMatchObject({ level: 'routine', worstCase: 'surgical-opinion', missingInputs: ['persistent pain after radiotherapy'] });
  });
});
