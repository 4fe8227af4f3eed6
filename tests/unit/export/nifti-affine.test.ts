import { describe, expect, it } from 'vitest';
import { quaternionOf, rasAffine } from '../../../electron/core/export/nifti/affine';

/** The rotation the NIfTI quaternion stands for (nifti1.h, method 2), times qfac on the third column. */
function rotationOf(q: { b: number; c: number; d: number; qfac: number }): number[][] {
  const { b, c, d, qfac } = q;
  const a = Math.sqrt(Math.max(0, 1 - b * b - c * c - d * d));
  return [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) * qfac],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) * qfac],
    [2 * (b * d - a * c), 2 * (c * d + a * b), (a * a + d * d - c * c - b * b) * qfac],
  ];
}

describe('the NIfTI affine from DICOM geometry', () => {
  it('maps voxels of an axial series to RAS: x and y change sign, z does not', () => {
    const affine = rasAffine({ position: [-100, -120, -50], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], spacing: [0.5, 0.8], sliceStep: [0, 0, 2.5] });
    expect(affine).toEqual([[-0.8, -0, -0, 100], [-0, -0.5, -0, 120], [0, 0, 2.5, -50]]);
  });

  it('writes a quaternion that gives back the rotation, for axial and oblique series', () => {
    const cos = Math.cos(0.3);
    const sin = Math.sin(0.3);
    for (const geometry of [
      { rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], sliceStep: [0, 0, 2] },
      { rowDirection: [1, 0, 0], columnDirection: [0, cos, sin], sliceStep: [0, -sin * 3, cos * 3] },
      { rowDirection: [0, 1, 0], columnDirection: [0, 0, -1], sliceStep: [-1.5, 0, 0] }, // sagittal
    ] as const) {
      const affine = rasAffine({ position: [1, 2, 3], spacing: [0.7, 0.9], ...geometry } as never);
      const q = quaternionOf(affine)!;
      const r = rotationOf(q);
      const scales = [0, 1, 2].map((c) => Math.hypot(affine[0]![c]!, affine[1]![c]!, affine[2]![c]!));
      for (let row = 0; row < 3; row++) for (let c = 0; c < 3; c++) expect(r[row]![c]! * scales[c]!).toBeCloseTo(affine[row]![c]!, 6);
    }
  });

  it('gives no quaternion when slices are sheared (gantry tilt): the sform alone is valid', () => {
    expect(quaternionOf(rasAffine({ position: [0, 0, 0], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], spacing: [1, 1], sliceStep: [0, 0.5, 2] }))).toBeNull();
  });
});
