import { describe, expect, it } from 'vitest';
import { scoreLesion } from '@shared/scoring';
import { StoredLesionSchema, LESION_SCHEMA_VERSION } from '@shared/lesion/lesion';
import { makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

/** Every input of a long-bone lesion known and benign, so that one changed input decides. */
const benignLongBone = {
  nature: 'blastic' as const,
  lesionWidthMm: typed(5),
  boneDiameterMm: typed(30),
  largestDimensionMm: typed(10),
  circumferentialInvolvementPct: typed(10),
  axialInvolvementMm: typed(10),
  pathologicalFracture: false,
  clinical: { mirelsPain: 'mild' as const, newNeurologicalDeficit: false, lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false },
};

describe('cortical involvement is urgent on every long bone, not only the femur', () => {
  it.each([
    ['humerus', 'humerus-diaphysis'],
    ['tibia', 'tibia-diaphysis'],
    ['radius', 'radius-diaphysis'],
    ['fibula', 'fibula-proximal'],
  ])('an 80%% / 60 mm lesion of the %s is urgent, and the reason names the criterion and the femur', (boneId, regionId) => {
    const scores = scoreLesion(makeLesion({ ...benignLongBone, boneId, regionId, circumferentialInvolvementPct: typed(80), axialInvolvementMm: typed(60) }));
    expect(scores.urgency.level).toBe('urgent');
    expect(scores.urgency.reasons.some((r) => r.startsWith('axial cortical involvement 60 mm > 30 mm') && r.includes('derived in the femur'))).toBe(true);
    expect(scores.urgency.reasons.some((r) => r.startsWith('circumferential involvement 80% > 50%') && r.includes('Harrington') && r.includes('derived in the femur'))).toBe(true);
    // Van der Linden's own score stays the femur's.
    expect(scores.vanDerLinden.applicable).toBe(false);
  });

  it('either criterion alone is urgent on a humerus; at the threshold it is not', () => {
    const humerus = { ...benignLongBone, boneId: 'humerus', regionId: 'humerus-diaphysis' };
    expect(scoreLesion(makeLesion({ ...humerus, axialInvolvementMm: typed(30.5) })).urgency.level).toBe('urgent');
    expect(scoreLesion(makeLesion({ ...humerus, circumferentialInvolvementPct: typed(51) })).urgency.level).toBe('urgent');
    expect(scoreLesion(makeLesion({ ...humerus, axialInvolvementMm: typed(30), circumferentialInvolvementPct: typed(50) })).urgency.level).toBe('routine');
  });

  it('an unmeasured cortical involvement on a tibia could be urgent, and says which measurement decides', () => {
    const scores = scoreLesion(makeLesion({ ...benignLongBone, boneId: 'tibia', regionId: 'tibia-diaphysis', axialInvolvementMm: null }));
    expect(scores.urgency.level).toBe('routine');
    expect(scores.urgency.worstCase).toBe('urgent');
    expect(scores.urgency.missingInputs).toEqual(['axial cortical involvement']);
  });
});

describe('the sacrum is a spinal lesion', () => {
  const sacrum = (overrides: Parameters<typeof makeLesion>[0] = {}) => makeLesion({ boneId: 'sacrum', regionId: null, laterality: 'midline', ...overrides });

  it('an ESCC grade 3 on the sacrum is an emergency', () => {
    const scores = scoreLesion(sacrum({ spine: { esccGrade: '3' } }));
    expect(scores.escc.applicable).toBe(true);
    expect(scores.urgency.level).toBe('emergency');
  });

  it('SINS location is the range S1 junctional (3) or S2-S5 rigid (0) while the segment is not recorded', () => {
    const scores = scoreLesion(sacrum());
    expect(scores.sins.applicable).toBe(true);
    expect(scores.sins.components.find((c) => c.id === 'location')).toMatchObject({ missing: true, possiblePoints: [0, 3] });
    expect(scores.sins.missingInputs).toContain('sacral segment (S1 junctional, S2-S5 rigid)');
    expect(scores.sins.range).toEqual([0, 18]);
  });

  it.each([
    ['sacrum-s1', 3, 'S1 (junctional)'],
    ['sacrum-s2', 0, 'S2 (rigid)'],
    ['sacrum-s5', 0, 'S5 (rigid)'],
  ])('a recorded segment %s scores location %i', (regionId, points, value) => {
    const location = scoreLesion(sacrum({ regionId })).sins.components.find((c) => c.id === 'location');
    expect(location).toMatchObject({ points, value, missing: false });
  });

  it('an unknown neurological status widens the worst case to emergency, as on a vertebra', () => {
    const scores = scoreLesion(sacrum({ spine: { esccGrade: '0' } }));
    expect(scores.urgency.worstCase).toBe('emergency');
    expect(scores.urgency.missingInputs).toContain('new neurological deficit');
  });
});

describe('no recorded input is ignored in silence', () => {
  it('spine inputs on a femur are listed with the reason', () => {
    const scores = scoreLesion(makeLesion({ spine: { esccGrade: '2', alignment: 'normal' }, clinical: { sinsPain: 'mechanical' } }));
    expect(scores.ignoredInputs.map((i) => i.field)).toEqual(['clinical.sinsPain', 'spine.alignment', 'spine.esccGrade']);
    expect(scores.ignoredInputs.find((i) => i.field === 'spine.esccGrade')).toMatchObject({ input: 'ESCC grade', value: '2', reason: expect.stringContaining('not a vertebra') });
    // ...and they raise nothing: ESCC does not apply to a femur.
    expect(scores.urgency.level).not.toBe('emergency');
  });

  it('Mirels pain and long-bone measurements on a vertebra are listed; SINS inputs, the cortical involvement and the Harrington size the rules read on any bone are not', () => {
    const scores = scoreLesion(makeSpineLesion('L2', { clinical: { mirelsPain: 'functional', sinsPain: 'mechanical' }, largestDimensionMm: typed(30), axialInvolvementMm: typed(40), lesionWidthMm: typed(12), nature: 'lytic' }));
    expect(scores.ignoredInputs.map((i) => i.field)).toEqual(['lesionWidthMm', 'clinical.mirelsPain']);
    expect(scores.harrington.reasons).toEqual(['lesion 30 mm >= 25 mm (2.5 cm)']);
    expect(scores.urgency.reasons.join(' ')).toContain('axial cortical involvement 40 mm > 30 mm on the L2');
    expect(scores.ignoredInputs.find((i) => i.field === 'clinical.mirelsPain')?.reason).toContain('Mirels scores long bones');
  });

  it('width and diameter are listed when the reader chose the circumferential definition; a lesser trochanter off the femur too', () => {
    const scores = scoreLesion(makeLesion({ boneId: 'humerus', regionId: 'humerus-diaphysis', mirelsSizeDefinition: 'circumferential-fraction', lesionWidthMm: typed(10), boneDiameterMm: typed(20), circumferentialInvolvementPct: typed(40), clinical: { lesserTrochanterAvulsion: true } }));
    expect(scores.ignoredInputs.map((i) => [i.field, i.value])).toEqual([
      ['lesionWidthMm', '10 mm'],
      ['boneDiameterMm', '20 mm'],
      ['clinical.lesserTrochanterAvulsion', 'yes'],
    ]);
    expect(scores.ignoredInputs.some((i) => i.field === 'circumferentialInvolvementPct')).toBe(false);
  });

  // Rule set v8: the measurement is read beside the category; one that rules it out widens SINS.
  it('a measured height loss beside a recorded collapse category is read, not listed as unused', () => {
    const scores = scoreLesion(makeSpineLesion('T8', { spine: { collapse: 'under-50', collapsePct: typed(70) } }));
    expect(scores.ignoredInputs).toEqual([]);
    expect(scores.sins.missingInputs).toContain('vertebral body collapse (the category recorded, < 50% collapse, disagrees with the measured 70% height loss)');
  });

  it('nothing is listed for a lesion whose inputs all count', () => {
    expect(scoreLesion(makeLesion({ ...benignLongBone })).ignoredInputs).toEqual([]);
  });
});

describe('lesion form versions', () => {
  it('a version 1 record reads as the current version with the default size definition, and its missing diameter is now a range', () => {
    const { mirelsSizeDefinition: _drop, boneAnalysis: _none, ...v2 } = makeLesion({ nature: 'lytic', lesionWidthMm: typed(36), circumferentialInvolvementPct: typed(12), clinical: { mirelsPain: 'moderate' } });
    const upgraded = StoredLesionSchema.parse({ ...v2, schemaVersion: 1 });
    expect(upgraded.schemaVersion).toBe(LESION_SCHEMA_VERSION);
    expect(upgraded.mirelsSizeDefinition).toBe('width-over-diameter');
    expect(scoreLesion(upgraded).mirels.range).not.toBeNull();
  });

  it('a version 2 record must say which size definition it uses', () => {
    const { mirelsSizeDefinition: _drop, boneAnalysis: _none, ...missing } = makeLesion();
    expect(StoredLesionSchema.safeParse({ ...missing, schemaVersion: 2 }).success).toBe(false);
  });
});
