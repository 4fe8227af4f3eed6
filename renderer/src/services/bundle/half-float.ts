// Stands in for vtk.js's HalfFloat module in the renderer bundle (see electron.vite.config.ts), with
// the same results. A reformat's texture is 16-bit half float (mpr.ts): vtk.js converts every voxel
// with toHalf on upload, 78 million calls for a 512x512x300 CT, about a second of the reformat's
// opening. Integer values, all a 16-bit CT holds, are looked up in a table built once with the
// same conversion; anything else is converted as vtk.js does. The arrays it converts into are
// reused between slices (halfFloatTarget).

const floatView = new Float32Array(1);
const intView = new Int32Array(floatView.buffer);

/** IEEE 754 binary32 to binary16 bits, rounding as vtk.js does. */
function convert(value: number): number {
  floatView[0] = value;
  const x = intView[0]!;
  let bits = (x >> 16) & 0x8000;
  let mantissa = (x >> 12) & 0x7ff;
  const exponent = (x >> 23) & 0xff;
  if (exponent < 103) return bits;
  if (exponent > 142) {
    bits |= 0x7c00;
    bits |= (exponent === 255 ? 0 : 1) && x & 0x7fffff;
    return bits;
  }
  if (exponent < 113) {
    mantissa |= 0x800;
    bits |= (mantissa >> (114 - exponent)) + ((mantissa >> (113 - exponent)) & 1);
    return bits;
  }
  bits |= ((exponent - 112) << 10) | (mantissa >> 1);
  bits += mantissa & 1;
  return bits;
}

/** Every 16-bit integer, signed or not: -32768 to 65535. */
const TABLE_OFFSET = 32768;
let table: Uint16Array | null = null;

function integerTable(): Uint16Array {
  if (!table) {
    table = new Uint16Array(TABLE_OFFSET + 65536);
    for (let i = 0; i < table.length; i++) table[i] = convert(i - TABLE_OFFSET);
  }
  return table;
}

/** A number's half-float bits (vtk.js's toHalf). Zero is converted, not looked up: -0 keeps its sign bit. */
export function toHalf(value: number): number {
  const index = value + TABLE_OFFSET;
  return value !== 0 && (index | 0) === index && index >= 0 && index < TABLE_OFFSET + 65536 ? integerTable()[index]! : convert(value);
}

/**
 * Converts a slice's values into half-float bits, as vtk.js's per-value loop does with toHalf (the
 * bundle replaces that loop with this call). A 16-bit integer slice, which is what a reformat's
 * volume holds (mpr.ts), is looked up in the table without a call or a test per voxel: the loop
 * was most of a reformat's first frame (0.8 of 1.3 s for 512x512x300 in a CPU profile).
 * @param target - the half floats, one per value
 * @param source - the slice's values, at least as many as target
 */
export function halfFloatsInto(target: Uint16Array, source: ArrayLike<number>): void {
  const count = target.length;
  const signed = source instanceof Int16Array;
  if ((signed || source instanceof Uint16Array) && source.length >= count) {
    // The slice's raw 16 bits index a table of their half floats: one read per voxel.
    const bits = signed ? new Uint16Array(source.buffer, source.byteOffset, count) : source;
    const halves = bitsTable(signed);
    for (let i = 0; i < count; i++) target[i] = halves[bits[i]!]!;
    return;
  }
  for (let i = 0; i < count; i++) target[i] = toHalf(source[i]!);
}

let signedBitsTable: Uint16Array | null = null;

/**
 * The half float of every 16-bit pattern, read as a signed or an unsigned integer: the unsigned
 * patterns are the integer table from 0 on; the signed ones put its negative half after its positive.
 */
function bitsTable(signed: boolean): Uint16Array {
  const values = integerTable();
  if (!signed) return values.subarray(TABLE_OFFSET);
  if (!signedBitsTable) {
    signedBitsTable = new Uint16Array(65536);
    signedBitsTable.set(values.subarray(TABLE_OFFSET, 2 * TABLE_OFFSET));
    signedBitsTable.set(values.subarray(0, TABLE_OFFSET), TABLE_OFFSET);
  }
  return signedBitsTable;
}

/** Half-float bits to a number (vtk.js's fromHalf). */
export function fromHalf(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half & 0x7c00) >> 10;
  const fraction = half & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 2 ** 10);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 2 ** 10);
}

/** The longest conversion target kept for reuse: a 2048x2048 slice (8 MB); longer ones are allocated each time. */
export const REUSED_TARGET_MAX = 2048 * 2048;
let reused = new Uint16Array(0);

/**
 * Where vtk.js writes one upload's half floats (the bundle routes its allocation here). A reformat
 * uploads its volume slice by slice, and vtk.js allocated a new array for each: 157 MB of garbage
 * for a 512x512x300 CT, most of it still resident when the reformat first drew. WebGL copies the
 * array before texSubImage3D returns, so one array serves every slice. Only a lone array up to
 * REUSED_TARGET_MAX is reused: several converted together must not share memory, and a whole
 * volume converted at once must not stay allocated.
 * @param length - values to convert
 * @param arrays - how many arrays this conversion fills
 */
export function halfFloatTarget(length: number, arrays: number): Uint16Array {
  if (arrays !== 1 || length > REUSED_TARGET_MAX) return new Uint16Array(length);
  if (reused.length < length) reused = new Uint16Array(length);
  return reused.subarray(0, length);
}

export default { toHalf, fromHalf, halfFloatTarget, halfFloatsInto };
