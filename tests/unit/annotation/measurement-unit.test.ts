import { describe, expect, it } from 'vitest';
import { measuresInPixels, measurementUnit, unitWithPlane } from '@shared/annotation/measurement-unit';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const MR = '1.2.840.10008.5.1.4.1.1.4';

describe('the unit of a stored drawing figure (shared by the SR writer and the measurement panel)', () => {
  it('gives lengths in mm, areas in mm2, angles in degrees and the cortex figures by their suffix', () => {
    expect(['length', 'width', 'area', 'angle', 'arcDegrees', 'arcPercent', 'axialExtentMm', 'axialSliceCount'].map((k) => measurementUnit(k, CT))).toEqual(['mm', 'mm', 'mm2', 'deg', 'deg', '%', 'mm', '1']);
  });

  it('gives intensities in HU on a CT image only: an MR or an unknown image has no unit', () => {
    expect(['mean', 'stdDev', 'value'].map((k) => [measurementUnit(k, CT), measurementUnit(k, MR), measurementUnit(k, '')])).toEqual([
      ['HU', '1', '1'],
      ['HU', '1', '1'],
      ['HU', '1', '1'],
    ]);
  });

  it('gives lengths and areas in pixels on an image the viewer measures in pixels (no positive Pixel Spacing), angles and intensities as before', () => {
    const DX = '1.2.840.10008.5.1.4.1.1.1.1';
    const inPixels = measuresInPixels({ measurementSpacing: { spacing: null, plane: 'none' } });
    expect(['length', 'area', 'angle', 'mean', 'axialExtentMm'].map((k) => measurementUnit(k, DX, inPixels))).toEqual(['px', 'px2', 'deg', '1', 'px']);
    expect(measuresInPixels({ measurementSpacing: { spacing: [0.14, 0.14], plane: 'detector' } })).toBe(false);
  });

  it('names the plane of a length or area in mm, and of nothing else', () => {
    expect(['mm', 'mm²', 'px', '°', 'HU'].map((u) => unitWithPlane(u, 'detector'))).toEqual(['mm (detector)', 'mm² (detector)', 'px', '°', 'HU']);
    expect([unitWithPlane('mm', 'patient'), unitWithPlane('mm', 'calibrated'), unitWithPlane('mm', 'magnification-corrected')]).toEqual(['mm', 'mm (calibrated)', 'mm (magnification-corrected)']);
  });
});
