import { describe, expect, it } from 'vitest';
import { scoreVanDerLinden, ScoreResultSchema } from '@shared/scoring';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';

function femur(axial: number | null, circ: number | null) {
  return makeLesion({ axialInvolvementMm: axial === null ? null : fromAnnotation(axial), circumferentialInvolvementPct: circ === null ? null : typed(circ) });
}

describe('Van der Linden criteria (femur)', () => {
  it.each([
    [30, false],
    [30.1, true],
    [34, true],
  ])('axial cortical involvement %s mm: met = %s', (axial, met) => {
    const result = scoreVanDerLinden(femur(axial, 10));
    expect(result.components.find((c) => c.id === 'axial')?.met).toBe(met);
    expect(result.flagged).toBe(met);
  });

  it.each([
    [50, false],
    [50.1, true],
    [62, true],
  ])('circumferential involvement %s%%: met = %s', (circ, met) => {
    const result = scoreVanDerLinden(femur(10, circ));
    expect(result.components.find((c) => c.id === 'circumferential')?.met).toBe(met);
    expect(result.flagged).toBe(met);
  });

  it('gives the reasons with the measured values', () => {
    const result = scoreVanDerLinden(femur(34, 62));
    expect(result.total).toBe(2);
    expect(result.reasons).toEqual(['axial cortical involvement 34 mm > 30 mm', 'circumferential involvement 62% > 50%']);
    expect(result.band?.id).toBe('criterion-met');
    expect(ScoreResultSchema.parse(result)).toEqual(result);
  });

  it('shows a value just above a threshold without rounding it onto the threshold', () => {
    expect(scoreVanDerLinden(femur(30.001, 0)).reasons).toEqual(['axial cortical involvement 30.001 mm > 30 mm']);
  });

  it('does not flag values at the thresholds', () => {
    const result = scoreVanDerLinden(femur(30, 50));
    expect(result.total).toBe(0);
    expect(result.flagged).toBe(false);
    expect(result.band?.id).toBe('no-criterion-met');
    expect(result.reasons).toEqual([]);
  });

  it('shows circumferential involvement >= 30% as the strongest CT predictor, without flagging it', () => {
    expect(scoreVanDerLinden(femur(10, 30)).notes[0]).toMatch(/^circumferential involvement 30% >= 30%: strongest CT predictor/);
    expect(scoreVanDerLinden(femur(10, 29.9)).notes).toEqual([]);
    expect(scoreVanDerLinden(femur(10, 30)).flagged).toBe(false);
  });

  it('is undecided while a measurement is missing and nothing is met', () => {
    const result = scoreVanDerLinden(femur(null, 40));
    expect(result.total).toBeNull();
    expect(result.range).toEqual([0, 1]);
    expect(result.flagged).toBeNull();
    expect(result.missingInputs).toEqual(['axial cortical involvement (mm)']);
    expect(result.possibleBands.map((b) => b.id)).toEqual(['no-criterion-met', 'criterion-met']);
  });

  it('is flagged by one met criterion even when the other is missing', () => {
    const result = scoreVanDerLinden(femur(45, null));
    expect(result.range).toEqual([1, 2]);
    expect(result.flagged).toBe(true);
  });

  it('applies to the femur only', () => {
    const result = scoreVanDerLinden(makeLesion({ boneId: 'humerus', regionId: null }));
    expect(result.applicable).toBe(false);
    expect(result.notApplicableReason).toMatch(/femoral/);
  });
});
