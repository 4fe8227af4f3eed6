import { describe, expect, it } from 'vitest';
import type { InstanceSummary } from '@shared/dicom/series';
import type { SeriesStack } from '../../../renderer/src/services/viewer/series-stack';
import { nearestSliceIndex } from '../../../renderer/src/services/viewer/view-carry';

const AXIAL: InstanceSummary['imageOrientationPatient'] = [1, 0, 0, 0, 1, 0];

/** A stack of axial slices at the given z (mm), in the order given (the viewer's spatial order). */
function stackAt(zs: number[], orientation: InstanceSummary['imageOrientationPatient'] = AXIAL): SeriesStack {
  const instances = zs.map((z, i) => ({ id: i + 1, imagePositionPatient: [-100, -120, z], imageOrientationPatient: orientation }) as InstanceSummary);
  const slices = instances.map((instance) => ({ imageId: `wadouri:/instances/${instance.id}`, instanceId: instance.id, sopInstanceUid: `1.2.${instance.id}`, frame: null }));
  return { seriesUid: '1.2.3', slices, imageIds: slices.map((s) => s.imageId), instances, geometry: { order: instances.map((i) => i.id), spacingMm: 2, reformattable: true, leftOut: [], warnings: [] } };
}

describe('nearestSliceIndex: where the stack opens after a reformat', () => {
  it('finds the slice whose plane is nearest the point, whatever its x and y', () => {
    const stack = stackAt([10, 8, 6, 4, 2]);
    expect(nearestSliceIndex(stack, [0, 0, 6.4])).toBe(2);
    expect(nearestSliceIndex(stack, [55, -30, 2.9])).toBe(4);
    expect(nearestSliceIndex(stack, [0, 0, 9.2])).toBe(0);
  });

  it('clamps a point beyond the series to its end slice', () => {
    const stack = stackAt([10, 8, 6, 4, 2]);
    expect(nearestSliceIndex(stack, [0, 0, 100])).toBe(0);
    expect(nearestSliceIndex(stack, [0, 0, -100])).toBe(4);
  });

  it('measures along the slice normal of an oblique series, not along z', () => {
    // Slices tilted 45° about x: the normal is (0, -0.707, 0.707); positions step along it.
    const c = Math.SQRT1_2;
    const stack = stackAt([0, 0, 0], [1, 0, 0, 0, c, c]);
    stack.instances.forEach((instance, i) => (instance.imagePositionPatient = [0, -i * 2 * c, i * 2 * c]));
    expect(nearestSliceIndex(stack, [0, -2 * c, 2 * c])).toBe(1);
    // A point displaced within that slice's plane still belongs to it.
    expect(nearestSliceIndex(stack, [40, -2 * c + 10 * c, 2 * c + 10 * c])).toBe(1);
  });

  it('gives no slice for a series without orientation', () => {
    expect(nearestSliceIndex(stackAt([10, 8], null), [0, 0, 8])).toBeNull();
  });
});
