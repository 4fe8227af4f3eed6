// Patient-space vector arithmetic (DICOM's LPS coordinates, mm), in one place for the scores'
// geometry, series ordering, the viewer and the exports. Inputs are read-only number arrays so
// that tuples, DICOM attribute values and Cornerstone's Point3 all fit without copying.

/** A vector or point in patient space. */
export type Vector3 = [number, number, number];

/** a x b. */
export function cross(a: readonly number[], b: readonly number[]): Vector3 {
  return [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
}

/** a . b. */
export function dot(a: readonly number[], b: readonly number[]): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}

/** a + b. */
export function add(a: readonly number[], b: readonly number[]): Vector3 {
  return [a[0]! + b[0]!, a[1]! + b[1]!, a[2]! + b[2]!];
}

/** a - b. */
export function subtract(a: readonly number[], b: readonly number[]): Vector3 {
  return [a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!];
}

/** a times k. */
export function scale(a: readonly number[], k: number): Vector3 {
  return [a[0]! * k, a[1]! * k, a[2]! * k];
}

/** |a|. */
export function length(a: readonly number[]): number {
  return Math.hypot(a[0]!, a[1]!, a[2]!);
}
