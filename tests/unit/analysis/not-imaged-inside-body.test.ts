import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFiguresWithin, measureCylinderPhantom, openPhantomBench, type PhantomBench } from '../../support/cylinder-phantom';

// What lies outside the scanner's circle is padding; values that look like padding inside the body
// are not: a metal streak's undershoot below -2000 HU in an extended-range reconstruction, or real
// air whose stored value equals the declared Pixel Padding Value. Both lie here 1 mm from the
// intact cortex (a slab 3 mm wide, x -30..30 mm, y -12..-15 mm, z -15..15 mm about the lesion).
let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('not-imaged-inside-body');
});
afterAll(() => bench.close());

let uidCounter = 0;
const beside = (hu: number) => [{ from: [-30, -13.5], to: [30, -13.5], halfWidth: 1.5, z: [-15, 15], hu }];

describe('padding-like values inside the body', () => {
  it.each([
    ['a metal streak undershoot at -2500 HU, intercept -8192, slope 2', { intercept: -8192, slope: 2, bands: beside(-2500) }],
    ['air whose stored value (24 at intercept -1024) is the declared Pixel Padding Value', { fovRadius: 50, padding: { stored: 24, vr: 'US' }, bands: beside(-1000) }],
  ])('measures a bone beside %s, as imaged', async (name, spec) => {
    // Read as padding, it cut the bone's surroundings and the bone was refused as leaving the field of view.
    const { truth, status } = await measureCylinderPhantom(bench, `inside-${uidCounter}`, { sliceCount: 64, gridCentre: [0, 0, 0], ...spec, uidRoot: `2.25.8484${++uidCounter}` });
    expect(status.error).toBeNull();
    console.log(`beside ${name}: errors ${JSON.stringify(expectFiguresWithin(status.result!, truth))}`);
  });
});
