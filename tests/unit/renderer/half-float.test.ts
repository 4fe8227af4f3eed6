import vtkHalfFloat from '@kitware/vtk.js/Common/Core/HalfFloat.js';
import { describe, expect, it } from 'vitest';
import { fromHalf, halfFloatsInto, halfFloatTarget, REUSED_TARGET_MAX, toHalf } from '../../../renderer/src/services/bundle/half-float';

// The renderer bundle swaps vtk.js's half-float module for a table-driven one (electron.vite.config.ts):
// a reformat's texture must get exactly the bits vtk.js would have uploaded.
describe('half-float conversion used for reformat textures', () => {
  it('gives vtk.js the same bits for every 16-bit integer, signed or unsigned', () => {
    const mismatches: number[] = [];
    for (let value = -32768; value <= 65535; value++) if (toHalf(value) !== vtkHalfFloat.toHalf(value)) mismatches.push(value);
    expect(mismatches).toEqual([]);
  });

  it('gives vtk.js the same bits outside the table: fractions, large values, infinities, NaN', () => {
    const values = [0.5, -0.25, 1e-8, -1e-8, 2047.5, 65536, 70000, -32769, -1e6, 1e30, Infinity, -Infinity, NaN, Math.PI * 1000, -0];
    for (let i = 0; i < 5000; i++) values.push((Math.sin(i * 12.9898) * 43758.5453) % 100000);
    expect(values.map(toHalf)).toEqual(values.map((v) => vtkHalfFloat.toHalf(v)));
  });

  it('converts whole slices as vtk.js\'s loop does: every Int16 and Uint16 value, float slices, a short slice', () => {
    // What vtk.js's own loop writes (Texture.js updateArrayDataTypeForGL), value by value.
    const vtkLoop = (source: ArrayLike<number>, count: number) => Uint16Array.from({ length: count }, (_, i) => vtkHalfFloat.toHalf(source[i]!));
    const int16 = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    const uint16 = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const float32 = Float32Array.from([0, -0, 0.5, -1024, 3071, 1e-8, 70000, -1e6, NaN, Infinity, 2047.5, 12.25]);
    for (const source of [int16, uint16, float32]) {
      const target = new Uint16Array(source.length);
      halfFloatsInto(target, source);
      expect([...target]).toEqual([...vtkLoop(source, source.length)]);
    }
    // A source shorter than the target: the values past its end are converted as vtk.js converts undefined.
    const short = new Uint16Array(8);
    halfFloatsInto(short, Int16Array.from([1, -2, 3]));
    expect([...short]).toEqual([...vtkLoop(Int16Array.from([1, -2, 3]), 8)]);
  });

  it('reads every half-float bit pattern back as vtk.js does', () => {
    for (let bits = 0; bits <= 0xffff; bits++) expect(Object.is(fromHalf(bits), vtkHalfFloat.fromHalf(bits)) || (Number.isNaN(fromHalf(bits)) && Number.isNaN(vtkHalfFloat.fromHalf(bits)))).toBe(true);
  });

  it('holds CT values exactly up to 2048 HU, and within 1 HU up to 4095', () => {
    for (let hu = -1024; hu <= 2048; hu++) expect(fromHalf(toHalf(hu))).toBe(hu);
    for (let hu = 2049; hu <= 4095; hu++) expect(Math.abs(fromHalf(toHalf(hu)) - hu)).toBeLessThanOrEqual(1);
  });

  it('converts slice after slice into one array, sized to each slice', () => {
    const first = halfFloatTarget(512 * 512, 1);
    const second = halfFloatTarget(512 * 512, 1);
    expect(first.length).toBe(512 * 512);
    expect(second.buffer).toBe(first.buffer);
    const smaller = halfFloatTarget(256 * 256, 1);
    expect(smaller.length).toBe(256 * 256);
    expect(smaller.buffer).toBe(first.buffer);
  });

  it('gives arrays converted together, and a whole volume, memory of their own', () => {
    const slice = halfFloatTarget(512 * 512, 1);
    const together = [halfFloatTarget(1000, 6), halfFloatTarget(1000, 6)];
    expect(together[0]!.buffer).not.toBe(together[1]!.buffer);
    expect(together[0]!.buffer).not.toBe(slice.buffer);
    const volume = halfFloatTarget(REUSED_TARGET_MAX + 1, 1);
    expect(volume.length).toBe(REUSED_TARGET_MAX + 1);
    expect(volume.buffer).not.toBe(slice.buffer);
    expect(halfFloatTarget(512 * 512, 1).buffer).toBe(slice.buffer);
  });
});
