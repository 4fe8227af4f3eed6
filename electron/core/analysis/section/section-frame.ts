import { add, cross, dot, length, scale, subtract, type Vector3 } from '@shared/geometry/vector3';

/**
 * The frame every cross-section of a bone shares: the axis direction (the sections' normal) and
 * two in-plane directions. u is patient +x (left) projected onto the section, v = direction x u,
 * so that for a bone along +z an angle atan2(v, u) is the phantom's atan2(y, x) (LPS).
 */
export interface SectionFrame {
  /** A point on the axis: position 0. */
  origin: Vector3;
  direction: Vector3;
  u: Vector3;
  v: Vector3;
}

/** The section frame of an axis; the direction is turned to point superior (+z), or else posterior, or left. */
export function sectionFrame(origin: readonly number[], direction: readonly number[]): SectionFrame {
  let d = scale(direction, 1 / length(direction));
  const sign = Math.abs(d[2]) > 1e-9 ? Math.sign(d[2]) : Math.abs(d[1]) > 1e-9 ? Math.sign(d[1]) : Math.sign(d[0]);
  d = scale(d, sign);
  const reference: Vector3 = Math.abs(d[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const projected = subtract(reference, scale(d, dot(reference, d)));
  const u = scale(projected, 1 / length(projected));
  return { origin: [origin[0]!, origin[1]!, origin[2]!], direction: d, u, v: cross(d, u) };
}

/** Position of a point along the frame's axis (mm from its origin). */
export function axialPosition(frame: SectionFrame, point: readonly number[]): number {
  return dot(subtract(point, frame.origin), frame.direction);
}

/** The point of the axis at a position. */
export function pointOnAxis(frame: SectionFrame, position: number): Vector3 {
  return add(frame.origin, scale(frame.direction, position));
}

/** A point of the section through `centre`, at in-plane offsets (u, v) mm. */
export function inPlanePoint(frame: SectionFrame, centre: readonly number[], u: number, v: number): Vector3 {
  return add(add(centre, scale(frame.u, u)), scale(frame.v, v));
}

/** In-plane offsets (u, v) of a point from a section centre, and its offset along the axis. */
export function inPlaneOffsets(frame: SectionFrame, centre: readonly number[], point: readonly number[]): { u: number; v: number; along: number } {
  const d = subtract(point, centre);
  return { u: dot(d, frame.u), v: dot(d, frame.v), along: dot(d, frame.direction) };
}

/** Angle in degrees, [0, 360), of in-plane offsets: atan2(v, u). */
export function angleDeg(u: number, v: number): number {
  const deg = (Math.atan2(v, u) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}
