// Many scanners write Image Position (Patient) with one or two decimals: a 0.625 mm stack then
// steps 0.6, 0.6, 0.7, 0.6... How far a position may lie off its true place follows from the
// digits it was written with, and that bounds what rounding can explain.

/** Digits after the decimal point that a value needs when written in the shortest form (capped at 6). */
export function writtenDecimals(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = Math.abs(value).toString();
  const exponent = text.match(/e-(\d+)$/);
  if (exponent) return 6;
  const point = text.indexOf('.');
  return Math.min(6, point < 0 ? 0 : text.length - point - 1);
}

/**
 * The rounding step each coordinate of a set of positions was written with (0.1 for one decimal),
 * read as the finest step any of the positions shows on that axis.
 * @param positions - Image Position (Patient) of every slice of a stack
 */
export function positionQuanta(positions: readonly (readonly number[])[]): [number, number, number] {
  return [0, 1, 2].map((axis) => 10 ** -Math.max(0, ...positions.map((p) => writtenDecimals(p[axis]!)))) as [number, number, number];
}

/**
 * The most that rounding to those steps can move a position along a direction: half a step per
 * axis, weighted by the direction's component on it.
 * @param quanta - the rounding step of x, y and z (positionQuanta)
 * @param direction - a unit vector, e.g. the slice normal
 */
export function roundingErrorAlong(quanta: readonly number[], direction: readonly number[]): number {
  return quanta.reduce((sum, q, axis) => sum + (q / 2) * Math.abs(direction[axis]!), 0);
}

/** A slice never lies more than this fraction of the spacing off where a regular stack puts it. */
const MAX_MISPLACEMENT_FRACTION = 0.25;

/**
 * How far a slice may lie from where a regular stack (one affine, one reformat volume) puts it:
 * 0.1 mm (positions rounded to 0.1 mm somewhere on their way, then offset, as some MR exporters
 * write them), or 1% of the spacing; never more than a quarter of the spacing, so that on a fine
 * grid (0.2 mm cone-beam slices) 0.1 mm is not half a slice. A missing slice or a real uneven step is more.
 * @param sliceSpacingMm - the stack's slice spacing (0 when unknown)
 */
export function allowedMisplacementMm(sliceSpacingMm: number): number {
  const allowed = Math.max(0.1, 0.01 * sliceSpacingMm);
  return sliceSpacingMm > 0 ? Math.min(allowed, MAX_MISPLACEMENT_FRACTION * sliceSpacingMm) : allowed;
}
