import { describe, expect, it } from 'vitest';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { measuredFigure } from '../../../renderer/src/features/lesions/measured-figure';
import { measuredPlaneNotes } from '../../../electron/core/export/lesion-facts';
import { makeLesion } from '../../support/lesion-fixtures';

// A detector length was kept off each limit times 1.3 only: with a stated magnification of 1.85,
// 46.2499 mm (24.9999-46.2499 mm in the patient, Harrington's >= 25 mm undecided) was shown as
// "46.25", 25 mm times 1.85, the figure at which the lesion would be certainly 25 mm at least.

const detector = (value: number): MeasuredMm => ({ value, provenance: { source: 'annotation', annotationId: 'e0000000-0000-4000-8000-000000000185' }, spacingPlane: 'detector', maxMagnification: 1.85 });

describe("a detector length with a stated magnification of 1.85 just under a limit times 1.85", () => {
  it('is never shown on that product, in the form, the scores or the exports', () => {
    expect(measuredFigure('largestDimensionMm', detector(46.2499))).not.toBe(46.25);
    expect(measuredFigure('axialInvolvementMm', detector(55.4999))).not.toBe(55.5);
    const lesion = makeLesion({ largestDimensionMm: detector(46.2499), axialInvolvementMm: detector(55.4999) });
    const scores = scoreLesion(lesion);
    const text = JSON.stringify(scores);
    expect(text).not.toMatch(/46\.25 mm/);
    expect(text).not.toMatch(/55\.5 mm/);
    expect(measuredPlaneNotes(lesion).join(' ')).not.toMatch(/46\.25 mm|55\.5 mm/);
  });
});
