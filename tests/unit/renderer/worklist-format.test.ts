import { describe, expect, it } from 'vitest';
import { formatAge, formatSite, keyScoreTexts } from '../../../renderer/src/features/worklist/worklist-format';
import { DEFAULT_FILTERS, worklistRequest } from '../../../renderer/src/features/worklist/worklist-filters';
import { WorklistQuerySchema } from '@shared/worklist/worklist';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('worklist cells', () => {
  it("says a lesion's age in the coarsest unit that reads well", () => {
    expect(formatAge(ago(59_000), NOW)).toBe('just now');
    expect(formatAge(ago(60_000), NOW)).toBe('1 min');
    expect(formatAge(ago(59 * 60_000), NOW)).toBe('59 min');
    expect(formatAge(ago(3 * 3_600_000 + 1), NOW)).toBe('3 h');
    expect(formatAge(ago(49 * 3_600_000), NOW)).toBe('2 d');
    // A clock that ran behind the lesion's stamp is not a negative age.
    expect(formatAge(ago(-5 * 60_000), NOW)).toBe('just now');
  });

  it('names the site with its side, and a midline bone without one', () => {
    expect(formatSite({ laterality: 'left', bone: 'Femur', region: 'Femoral neck' })).toBe('Left femur · Femoral neck');
    expect(formatSite({ laterality: 'midline', bone: 'T11 vertebra', region: null })).toBe('T11 vertebra');
    expect(formatSite({ laterality: null, bone: 'Sternum', region: null })).toBe('Sternum');
  });

  it('lists only the scores that apply', () => {
    expect(keyScoreTexts({ keyScores: { mirels: 'Mirels 10', sins: null, vanDerLinden: 'VdL high risk', escc: null } })).toEqual(['Mirels 10', 'VdL high risk']);
  });
});

describe('worklist request', () => {
  it('sends the default filters as a valid query of the flagged urgencies', () => {
    const request = worklistRequest(DEFAULT_FILTERS, 100);
    expect(WorklistQuerySchema.parse(request)).toEqual({ urgencies: ['emergency', 'urgent', 'surgical-opinion'], site: 'all', reviewed: 'all', sort: 'urgency', limit: 100 });
  });

  it('drops empty fields instead of matching them, and trims typed text', () => {
    const request = worklistRequest({ ...DEFAULT_FILTERS, text: '  femur ', reader: ' AB', dateFrom: '2026-01-01', dateTo: '' }, 10);
    expect(WorklistQuerySchema.parse(request)).toMatchObject({ text: 'femur', reader: 'AB', dateFrom: '2026-01-01' });
    expect(request).not.toHaveProperty('dateTo');
  });
});
