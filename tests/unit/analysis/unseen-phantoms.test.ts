import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFiguresWithin, measureCylinderPhantom, openPhantomBench, type PhantomBench } from '../../support/cylinder-phantom';

// An outside checker's phantoms the other suites do not write: a long bone 35 and 42 degrees off
// the slice normal (on square and on 0.6 x 0.9 mm pixels, the tilt along the coarse one), extended
// rescales (intercept -8192), a Spacing Between Slices that contradicts the positions, and a
// repeated position. Each figure against the truth, within the accuracy suite's tolerances.
let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('unseen-phantoms');
});
afterAll(() => bench.close());

let uidCounter = 0;
/** Writes, imports and analyses one phantom. */
const measure = (name: string, spec: Record<string, unknown>) => measureCylinderPhantom(bench, name, { sliceCount: 64, ...spec, uidRoot: `2.25.6161${++uidCounter}` });

const deg = (d: number) => (d * Math.PI) / 180;

describe('the bone analysis on phantoms the other suites never wrote', () => {
  it.each([
    ['35 degrees off the normal in x, 0.7 mm pixels, 1.25 mm slices', { axisDirection: [Math.sin(deg(35)), 0, Math.cos(deg(35))], gridCentre: [0, 0, 0] }],
    [
      '42 degrees off the normal along the 0.9 mm rows, 0.6 x 0.9 mm pixels, 2 mm slices, 128 x 190',
      { axisDirection: [0, Math.sin(deg(42)), Math.cos(deg(42))], gridCentre: [0, 0, 0], pixelSpacing: [0.9, 0.6], rows: 128, columns: 190, sliceSpacing: 2, sliceCount: 40 },
    ],
    ['intercept -8192, slope 2 (extended range), unsigned', { intercept: -8192, slope: 2 }],
    ['intercept -8192, signed, files in reverse order, Spacing Between Slices 2.5 where the positions step 1.25', { intercept: -8192, signed: true, order: 'reverse', spacingBetweenSlices: 2.5 }],
  ])('measures a bone %s', async (name, spec) => {
    const { truth, status } = await measure(name.replace(/\W+/g, '-').slice(0, 40), spec);
    expect(status.error).toBeNull();
    const result = status.result!;
    const errors = expectFiguresWithin(result, truth);
    console.log(`${name}: axis ${result.axis.angleToSliceNormalDeg.toFixed(1)} degrees off the normal, errors ${JSON.stringify(errors)}`);
  });

  it('refuses a shuffled stack in which two images share a position, saying so', async () => {
    const { status } = await measure('duplicate', { order: 'shuffle', duplicate: [20] });
    expect(status.error?.code).toBe('unsupported');
    expect(status.error?.message).toMatch(/1 images share a position with another/);
  });
});
