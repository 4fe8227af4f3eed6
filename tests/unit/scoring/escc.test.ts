import { describe, expect, it } from 'vitest';
import { scoreEscc, ScoreResultSchema } from '@shared/scoring';
import { makeLesion, makeSpineLesion } from '../../support/lesion-fixtures';

describe('Bilsky ESCC grade', () => {
  it.each([
    ['0', false, 'bone only'],
    ['1a', false, 'epidural impingement, thecal sac not deformed'],
    ['1b', false, 'thecal sac deformed, cord not abutted'],
    ['1c', false, 'thecal sac deformed, cord abutted, not compressed'],
    ['2', true, 'cord compressed, CSF visible'],
    ['3', true, 'cord compressed, no CSF'],
  ] as const)('grade %s: high grade = %s', (esccGrade, high, words) => {
    const result = scoreEscc(makeSpineLesion('T8', { spine: { esccGrade } }));
    expect(result.flagged).toBe(high);
    expect(result.band?.id).toBe(high ? 'high-grade' : 'low-grade');
    expect(result.components[0]?.value).toBe(`${esccGrade} (${words})`);
    expect(result.total).toBeNull();
    expect(result.reasons).toEqual(high ? [`ESCC grade ${esccGrade} (${words}) is high grade (2-3)`] : []);
    expect(ScoreResultSchema.parse(result)).toEqual(result);
  });

  it('reports a missing grade as missing, with both bands possible', () => {
    const result = scoreEscc(makeSpineLesion('T8'));
    expect(result.missingInputs).toEqual(['ESCC grade']);
    expect(result.flagged).toBeNull();
    expect(result.possibleBands.map((b) => b.id)).toEqual(['low-grade', 'high-grade']);
  });

  it('applies to the spine only', () => {
    expect(scoreEscc(makeLesion()).applicable).toBe(false);
  });
});
