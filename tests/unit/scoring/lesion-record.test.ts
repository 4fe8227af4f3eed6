import { describe, expect, it } from 'vitest';
import { LesionSchema, LESION_SCHEMA_VERSION } from '@shared/lesion/lesion';
import { scoreLesion, LesionScoresSchema } from '@shared/scoring';
import { fromAnnotation, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';

describe('lesion record schema', () => {
  it('accepts a record with every unknown input null', () => {
    const lesion = makeLesion();
    expect(lesion.schemaVersion).toBe(LESION_SCHEMA_VERSION);
    expect(lesion.clinical.mirelsPain).toBeNull();
  });

  it('keeps the provenance of each measured value', () => {
    const lesion = makeLesion({ axialInvolvementMm: fromAnnotation(34, 'ann-42'), circumferentialInvolvementPct: typed(62) });
    expect(lesion.axialInvolvementMm?.provenance).toEqual({ source: 'annotation', annotationId: 'ann-42' });
    expect(lesion.circumferentialInvolvementPct?.provenance).toEqual({ source: 'typed' });
  });

  it.each([
    ['an unknown bone', { boneId: 'femoral-thing' }],
    ['a region of another bone', { regionId: 'humerus-head' }],
    ['midline on a paired bone', { laterality: 'midline' }],
    ['a percentage above 100', { circumferentialInvolvementPct: typed(120) }],
    ['a negative length', { axialInvolvementMm: typed(-1) }],
    ['an annotation provenance without id', { axialInvolvementMm: { value: 3, provenance: { source: 'annotation' } } }],
    ['a non-UID tracking id', { trackingUid: 'abc' }],
    ['a non-uuid id', { id: '42' }],
    ['a date without offset', { createdAt: '2026-01-02T10:00:00' }],
    ['another schema version', { schemaVersion: LESION_SCHEMA_VERSION + 1 }],
  ])('rejects %s', (_what, patch) => {
    const valid = makeLesion();
    expect(LesionSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });

  it('rejects a zero for an unknown clinical input where null is meant', () => {
    const valid = makeLesion();
    expect(LesionSchema.safeParse({ ...valid, clinical: { ...valid.clinical, newNeurologicalDeficit: 0 } }).success).toBe(false);
  });
});

describe('scoreLesion', () => {
  it('scores a femoral lesion with every score, the spinal ones saying why they do not apply', () => {
    const scores = scoreLesion(makeLesion({ nature: 'lytic', axialInvolvementMm: typed(34) }));
    expect(LesionScoresSchema.parse(scores)).toEqual(scores);
    expect(scores.mirels.applicable).toBe(true);
    expect(scores.vanDerLinden.flagged).toBe(true);
    expect(scores.sins.applicable).toBe(false);
    expect(scores.escc.applicable).toBe(false);
    expect(scores.urgency.level).toBe('urgent');
  });

  it('scores a spinal lesion with SINS, ESCC and Harrington (which names no site), not Mirels or Van der Linden', () => {
    const scores = scoreLesion(makeSpineLesion('L1', { spine: { esccGrade: '2' } }));
    expect(LesionScoresSchema.parse(scores)).toEqual(scores);
    expect([scores.mirels, scores.harrington, scores.vanDerLinden].map((s) => s.applicable)).toEqual([false, true, false]);
    expect(scores.sins.applicable).toBe(true);
    expect(scores.urgency.level).toBe('emergency');
  });
});
