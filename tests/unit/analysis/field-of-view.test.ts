import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAGOMIR_DAESCU_DENSITY } from '@shared/analysis/ctra-constants';
import { ashDensity } from '../../../electron/core/analysis/rigidity/modulus';
import { expectFiguresWithin, measureCylinderPhantom, openPhantomBench, type PhantomBench } from '../../support/cylinder-phantom';

// A bone near the edge of what the scanner imaged: the edge of the images (a small reconstruction
// field) or the circle a scanner reconstructs, padded outside (Pixel Padding Value, or -3024 HU
// undeclared, as GE writes it). The images are 160 x 160 pixels of 0.7 mm: pixel centres from
// -55.65 to 55.65 mm. The bone's outer radius is 11 mm.
const EDGE_MM = 79.5 * 0.7;

let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('field-of-view');
});
afterAll(() => bench.close());

let uidCounter = 0;
/** Writes, imports and analyses one phantom on a grid centred on the patient origin. */
const measure = (name: string, spec: Record<string, unknown>) => measureCylinderPhantom(bench, name, { sliceCount: 64, gridCentre: [0, 0, 0], ...spec, uidRoot: `2.25.7373${++uidCounter}` });

describe('the bone analysis near the edge of what was imaged', () => {
  it('measures a bone whose whole cortex lies in the images, 2.5 mm from their edge', async () => {
    // The trace asked for 3 mm beyond the bone on every side, and a click in the lesion was told "No bone found there".
    const { truth, status } = await measure('near-edge', { centre: [EDGE_MM - 11 - 2.5, 0, 0] });
    expect(status.error).toBeNull();
    console.log(`2.5 mm from the edge: errors ${JSON.stringify(expectFiguresWithin(status.result!, truth))}`);
  });

  it('measures a bone that leaves the images through their sides far from the lesion, along the part imaged whole', async () => {
    // 35 degrees off the normal over 100 slices (z -62..62 mm): the bone crosses x = +-55 mm at |z| of about 60 mm.
    const tilt = (35 * Math.PI) / 180;
    const { truth, status } = await measure('leaves-sideways', { axisDirection: [Math.sin(tilt), 0, Math.cos(tilt)], sliceCount: 100 });
    expect(status.error).toBeNull();
    expect(status.result!.axis.lengthMm).toBeGreaterThan(80);
    console.log(`leaving sideways: errors ${JSON.stringify(expectFiguresWithin(status.result!, truth))}`);
  });

  it('says the images cut the bone, not that no bone is there, when its cortex runs off their edge', async () => {
    const { status } = await measure('cut-by-edge', { centre: [EDGE_MM - 6, 0, 0] });
    expect(status.error?.code).toBe('unsupported');
    expect(status.error?.message).toMatch(/^The bone analysis needs the whole cross-section of the bone in the images: this bone leaves their field of view/);
  });

  it('refuses a bone 50 degrees off the slice normal for its tilt, not for the field of view it leaves far from the lesion', async () => {
    // It left the images sideways after 124 mm imaged whole, and was told to reconstruct a larger field of view.
    const tilt = (50 * Math.PI) / 180;
    const { status } = await measure('tilted-50', { axisDirection: [Math.sin(tilt), 0, Math.cos(tilt)], sliceCount: 100 });
    expect(status.error?.code).toBe('unsupported');
    expect(status.error?.message).toMatch(/its long axis lies across the slices \(50 degrees from their normal\)/);
    expect(status.error?.message).not.toMatch(/field of view/);
  });

  it.each([
    ['declared (Pixel Padding Value -2000, SS)', { signed: true, padding: { stored: -2000, vr: 'SS' } }],
    ['undeclared (-3024 HU)', { signed: true, padding: { stored: -2000, vr: null } }],
  ])('measures a bone whose cortex lies 2 mm inside the reconstruction circle, padding %s', async (_name, spec) => {
    // The check beyond the outline interpolated: declared padding (read as -32768) pulled a sample
    // below -2000 HU a voxel sooner than -3024 HU did, and refused this bone with declared padding only.
    const { truth, status } = await measure(`inside-by-2-${uidCounter}`, { rows: 200, columns: 200, centre: [50 - 11 - 2, 0, 0], fovRadius: 50, ...spec });
    expect(status.error).toBeNull();
    console.log(`2 mm inside the circle, ${_name}: errors ${JSON.stringify(expectFiguresWithin(status.result!, truth))}`);
  });

  it.each([
    ['declared (Pixel Padding Value -2000, SS)', { signed: true, padding: { stored: -2000, vr: 'SS' } }],
    ['undeclared (-3024 HU)', { signed: true, padding: { stored: -2000, vr: null } }],
  ])('calibrates from phantom inserts one of which touches the padding, %s, with the imaged voxels alone', async (_name, spec) => {
    // Only 44 mm about the bone reconstructed: the fat insert (38 to 45 mm out) reaches 0.6 mm into the padding.
    const inserts = [
      { centre: [-42, 0, 25], radiusMm: 2.6, hu: -100 },
      { centre: [0, 0, 25], radiusMm: 3, hu: 20 },
      { centre: [25, 0, 25], radiusMm: 3, hu: 50 },
      { centre: [8.75, 0, 25], radiusMm: 1.5, hu: 1500 },
    ] as const;
    const bone = await measure(`insert-at-padding-${uidCounter}`, { fovRadius: 44, ...spec });
    const status = await bench.analyse({
      seriesInstanceUid: bone.truth.seriesInstanceUid,
      at: bone.truth.click,
      calibration: { kind: 'phantom', inserts: inserts.map((i) => ({ centre: [...i.centre], radiusMm: i.radiusMm, ashDensityGPerCm3: ashDensity(i.hu, DRAGOMIR_DAESCU_DENSITY) })) },
    });
    expect(status.error).toBeNull();
    const calibration = status.result!.rigidity.constants.calibration;
    if (calibration.kind !== 'phantom') throw new Error('no phantom calibration');
    const errors = calibration.inserts.map((m, n) => m.meanHu - inserts[n]!.hu);
    console.log(`inserts by padding, ${_name}: mean HU errors ${JSON.stringify(errors)}, slope ${status.result!.rigidity.constants.density.slopeGPerCm3PerHu}`);
    // Partial volume at the fat and cortex inserts' rims moves their means by a few HU; -32768 moved the fat's by hundreds.
    for (const error of errors) expect(Math.abs(error)).toBeLessThan(25);
    expect(status.result!.rigidity.constants.density.slopeGPerCm3PerHu / 0.0007).toBeCloseTo(1, 1);
  });

  it.each([
    ['padded at -3024 HU, undeclared (stored -2000, intercept -1024)', { signed: true, padding: { stored: -2000, vr: null } }],
    ['padded as air (stored 0, intercept -1024), declared Pixel Padding Value 0', { padding: { stored: 0, vr: 'US' } }],
    ['padded as air (stored -1024, intercept 0, signed), declared as US 64512', { signed: true, intercept: 0, padding: { stored: -1024, vr: 'US' } }],
  ])('refuses a bone the reconstruction circle cuts, %s, rather than read the padding as destroyed cortex', async (_name, spec) => {
    // 200 x 200 pixels (to 69.65 mm): the circle (50 mm) alone cuts the cortex, at x 50..55 mm, opposite
    // the lesion (which faces 30-210 degrees). Read as cortex destroyed, it gave 69% for the 50% arc.
    const { status } = await measure(`cut-by-circle-${uidCounter}`, { rows: 200, columns: 200, centre: [44, 0, 0], fovRadius: 50, ...spec });
    expect(status.result).toBeNull();
    expect(status.error?.code).toBe('unsupported');
    expect(status.error?.message).toMatch(/field of view/);
  });

  it('measures a bone well inside a padded reconstruction circle as without padding', async () => {
    const { truth, status } = await measure('inside-circle', { fovRadius: 50, signed: true, padding: { stored: -2000, vr: 'SS' } });
    expect(status.error).toBeNull();
    console.log(`inside a padded circle: errors ${JSON.stringify(expectFiguresWithin(status.result!, truth))}`);
  });
});
