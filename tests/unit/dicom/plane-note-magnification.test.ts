import { describe, expect, it } from 'vitest';
import { spacingPlaneNote } from '@shared/dicom/measurement-spacing';
import { detectorMagnification } from '@shared/scoring/patient-size';

// spacingPlaneNote took `maxMagnification ?? 1.3` on its own, while the scores take
// detectorMagnification (never below 1.3): a record carrying 1.1 (the schema allows it) was scored
// over 1.0-1.3 but its export note said "divided by 1.0 to 1.1", a narrower range than the score's.

describe('the detector plane note', () => {
  it('states the same largest magnification the scores use', () => {
    const measured = { value: 40, provenance: { source: 'typed' as const }, spacingPlane: 'detector' as const, maxMagnification: 1.1 };
    expect(detectorMagnification(measured)).toBe(1.3);
    const note = spacingPlaneNote('detector', measured.maxMagnification)!;
    expect(note).toContain(`divided by 1.0 to ${detectorMagnification(measured)}`);
    expect(note).not.toContain('1.1');
    expect(spacingPlaneNote('detector', 1.85)).toContain('divided by 1.0 to 1.85');
  });
});
