import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDicomFrame } from '../../../electron/core/export/referral/key-image/dicom-frame';
import { writeCylinderPhantom, writeEnhancedCtPhantom } from '../../support/cylinder-phantom-script';
import { temporaryFolder } from '../../support/paths';

// A key image drawn on a frame of an Enhanced CT: the frame's values must be HU as its own Pixel
// Value Transformation (in the functional groups, not at the top level) makes them, and its plane
// the one its Plane Position gives: the same as the single-frame slice it was made from.

const root = temporaryFolder('key-image-enhanced');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let uid = 0;

describe('key images of an Enhanced CT frame', () => {
  it.each([
    ['rescale shared by every frame', { order: 'shuffle' }],
    ['each frame its own intercept', { order: 'shuffle', rescaleStep: 7 }],
  ])('reads each frame in HU, on the plane of the slice it holds: %s', (name, enhanced) => {
    const slices = path.join(root, `${name}-slices`);
    writeCylinderPhantom({ sliceCount: 6, rows: 41, columns: 57, lesion: null, supersampling: 1, uidRoot: `2.25.7676.${++uid}` }, slices);
    const file = path.join(root, `${name}.dcm`);
    const written = writeEnhancedCtPhantom(slices, file, enhanced);
    const singles = fs.readdirSync(slices).sort().map((f) => readDicomFrame(path.join(slices, f)));
    const bySlice = singles.map((s) => (s.ok ? s.frame : expect.fail('a slice was not read'))).sort((a, b) => a.geometry!.position[2] - b.geometry!.position[2]);
    written.fileOrder.forEach((slice, n) => {
      const read = readDicomFrame(file, n + 1);
      if (!read.ok) expect.fail(read.reason);
      const truth = bySlice[slice - 1]!;
      expect(read.frame.geometry).toEqual(truth.geometry);
      expect(Array.from(read.frame.values!)).toEqual(Array.from(truth.values!));
    });
  });
});
