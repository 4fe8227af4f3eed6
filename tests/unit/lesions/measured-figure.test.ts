import { describe, expect, it } from 'vitest';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { formatMeasuredFigure } from '@shared/scoring/shown-figure';
import { measuredFigure } from '../../../renderer/src/features/lesions/measured-figure';
import type { MeasuredField } from '../../../renderer/src/features/lesions/lesion-draft';

const drawn = (value: number): MeasuredMm => ({ value, provenance: { source: 'annotation', annotationId: 'e0000000-0000-4000-8000-000000000001' } });
const FIELDS: MeasuredField[] = ['largestDimensionMm', 'lesionWidthMm', 'boneDiameterMm', 'circumferentialInvolvementPct', 'axialInvolvementMm'];

describe("the lesion form's figure of a measured field", () => {
  it('keeps its own field\'s limits only, as every other door shows it', () => {
    expect(measuredFigure('largestDimensionMm', drawn(24.999))).toBe(24.999);
    expect(measuredFigure('axialInvolvementMm', drawn(29.999))).toBe(29.999);
    expect(measuredFigure('circumferentialInvolvementPct', drawn(49.999))).toBe(49.999);
    // A width is compared as a ratio (Mirels' size), never with Harrington's 25 mm.
    expect(measuredFigure('lesionWidthMm', drawn(24.999))).toBe(25);
    for (const field of FIELDS) for (const value of [24.999, 29.999, 32.4999, 49.999, 66.666]) {
      expect(measuredFigure(field, drawn(value))).toBe(Number(formatMeasuredFigure(field, drawn(value))));
    }
  });

  it('shows a typed value as typed', () => {
    expect(measuredFigure('lesionWidthMm', { value: 24.99912, provenance: { source: 'typed' } })).toBe(24.99912);
  });
});
