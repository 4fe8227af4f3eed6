import { describe, expect, it } from 'vitest';
import { otherReadersDrawing, valueFromAnnotation } from '../../../renderer/src/features/lesions/measured-links';
import { reformatLength } from '../../support/drawings';
import { fromAnnotation } from '../../../renderer/src/features/lesions/lesion-draft';

const length = reformatLength;

describe('axial involvement linked from a Length on a reformat', () => {
  it('takes a Length drawn on a sagittal or coronal reformat as the axial extent', () => {
    expect(valueFromAnnotation('axialInvolvementMm', length({}))).toEqual({ value: 41.5 });
    expect(valueFromAnnotation('axialInvolvementMm', length({ viewPlaneNormal: [0, -1, 0], viewUp: [0, 0, 1] }))).toEqual({ value: 41.5 });
  });

  it('refuses a Length on an axial reformat or on a source image, saying what gives the extent', () => {
    expect(valueFromAnnotation('axialInvolvementMm', length({ viewPlaneNormal: [0, 0, 1], viewUp: [0, -1, 0] }))).toEqual({ problem: expect.stringContaining('sagittal or coronal') });
    expect(valueFromAnnotation('axialInvolvementMm', length({ image: { seriesInstanceUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.5', frame: null }, viewPlaneNormal: [0, 0, 1] }))).toEqual({ problem: expect.stringContaining('sagittal or coronal') });
    expect(valueFromAnnotation('axialInvolvementMm', length({ stats: {} }))).toEqual({ problem: expect.stringContaining('no measured value') });
  });

  it('takes a Length drawn on a sagittal or coronal source image (a sagittal MR, a coronal CT) as the axial extent, as on a reformat', () => {
    // A femoral lesion on a sagittal T1: the Length along the shaft is its extent along the bone.
    // Refused, the reader was sent to first and last involved slices, which on these slices
    // measure the lesion across the bone (mediolaterally), not along it.
    const onImage = { image: { seriesInstanceUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.5', frame: null } };
    expect(valueFromAnnotation('axialInvolvementMm', length({ ...onImage, viewPlaneNormal: [-1, 0, 0], viewUp: [0, 0, 1] }))).toEqual({ value: 41.5 });
    expect(valueFromAnnotation('axialInvolvementMm', length({ ...onImage, viewPlaneNormal: [0, 0.9988, 0.0488], viewUp: [0, -0.0488, 0.9988] }))).toEqual({ value: 41.5 });
    // An axial source image still gives none.
    expect(valueFromAnnotation('axialInvolvementMm', length({ ...onImage, viewPlaneNormal: [0, 0.1, 0.995] }))).toEqual({ problem: expect.stringContaining('sagittal or coronal') });
  });

  it('still gives the largest dimension from the same Length', () => {
    expect(valueFromAnnotation('largestDimensionMm', length({}))).toEqual({ value: 41.5 });
  });
});

describe("linking another reader's measurement", () => {
  it("refuses a stored drawing of another reader, naming them, and allows the reader's own or one not stored yet", () => {
    expect(otherReadersDrawing('AB', 'EF')).toBe('Drawn by AB: link only your own measurements');
    expect(otherReadersDrawing('AB', null)).toBe('Drawn by AB: link only your own measurements');
    expect(otherReadersDrawing('EF', 'EF')).toBeNull();
    expect(otherReadersDrawing(null, 'EF')).toBeNull();
  });
});

describe('a length measured in another unit than mm', () => {
  // A radiograph without Pixel Spacing is measured in pixels (Cornerstone's unit "px"), an ultrasound
  // region in its own unit: taken as mm, a 20 px lesion would read 20 mm, whatever its real size.
  const onRadiograph = (stats: Record<string, number | string>) =>
    length({ image: { seriesInstanceUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.5', frame: null }, viewPlaneNormal: [0, 0, 1], viewUp: [0, -1, 0], stats });

  it.each(['largestDimensionMm', 'lesionWidthMm', 'boneDiameterMm'] as const)('refuses a Length in pixels as %s, naming the unit', (field) => {
    expect(valueFromAnnotation(field, onRadiograph({ length: 20, unit: 'px' }))).toEqual({ problem: expect.stringMatching(/20 px.*not in mm/) });
  });

  it('refuses a Length in pixels or centimetres on a reformat as the axial extent', () => {
    expect(valueFromAnnotation('axialInvolvementMm', length({ stats: { length: 41.5, unit: 'px' } }))).toEqual({ problem: expect.stringMatching(/41\.5 px.*not in mm/) });
    expect(valueFromAnnotation('axialInvolvementMm', length({ stats: { length: 4.15, unit: 'cm' } }))).toEqual({ problem: expect.stringMatching(/4\.15 cm.*not in mm/) });
  });

  it('still takes a Length in mm, and one whose figures name no unit (our own tools measure in mm)', () => {
    expect(valueFromAnnotation('largestDimensionMm', onRadiograph({ length: 20, unit: 'mm' }))).toEqual({ value: 20 });
    expect(valueFromAnnotation('largestDimensionMm', onRadiograph({ length: 20 }))).toEqual({ value: 20 });
  });
});

describe('a Length on a radiograph linked to a lesion', () => {
  const onRadiograph = (stats: Record<string, number | string>) => length({ image: { seriesInstanceUid: '1.2.3.9', sopInstanceUid: '1.2.3.9.1', frame: null }, viewPlaneNormal: [0, 0, 1], stats });

  it('takes a Length along the bone on a radiograph as the axial extent (as Van der Linden measured it), carrying the detector plane', () => {
    expect(valueFromAnnotation('axialInvolvementMm', onRadiograph({ length: 34, unit: 'mm' }), 'detector')).toEqual({ value: 34 });
    expect(fromAnnotation(34, 'a1', 'detector')).toEqual({ value: 34, provenance: { source: 'annotation', annotationId: 'a1' }, spacingPlane: 'detector' });
    expect(fromAnnotation(34, 'a1', 'patient')).toEqual({ value: 34, provenance: { source: 'annotation', annotationId: 'a1' } });
  });

  it('refuses a length measured in pixels (an image without spacing) for any field in mm, saying why', () => {
    for (const field of ['largestDimensionMm', 'lesionWidthMm', 'axialInvolvementMm'] as const) {
      expect(valueFromAnnotation(field, onRadiograph({ length: 212, unit: 'px' }), 'none')).toEqual({ problem: expect.stringContaining('in pixels, not mm') });
    }
  });
});
