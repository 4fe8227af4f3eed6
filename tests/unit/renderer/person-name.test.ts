import { describe, expect, it } from 'vitest';
import { formatPatientName } from '@shared/dicom/person-name';

describe('formatPatientName', () => {
  it('reads a PN as "Family, Given Middle" with prefix and suffix, from the first non-empty group', () => {
    expect(formatPatientName('DEMO^PHANTOM')).toBe('DEMO, PHANTOM');
    expect(formatPatientName('Doe^John^Q^Dr^Jr')).toBe('Doe, Dr John Q Jr');
    // pydicom's chrX1.dcm: alphabetic, ideographic and phonetic groups; the alphabetic one is shown.
    expect(formatPatientName('Wang^XiaoDong=王^小東=')).toBe('Wang, XiaoDong');
    // No alphabetic group: the ideographic one rather than nothing.
    expect(formatPatientName('=山田^太郎=')).toBe('山田, 太郎');
    expect(formatPatientName('Люкceмбypг')).toBe('Люкceмбypг');
    expect(formatPatientName('')).toBe('(no name)');
    expect(formatPatientName('^ ^=')).toBe('(no name)');
  });
});
