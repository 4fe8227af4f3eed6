import { cross, dot, length as norm, scale, subtract as sub, type Vector3 as Vec } from '../geometry/vector3';
import type { WorldPoint } from './annotation';

// The cortical-involvement tool's geometry, pure so that it is tested without a browser. The
// reader clicks the bone centre, the two ends of the destroyed arc, then a point on the destroyed
// side: the fourth click picks which of the two arcs between the ends is meant, unambiguously,
// whatever the view's flips and rotations.

const TAU = 2 * Math.PI;

/** The destroyed arc: its fraction of the circumference and where it starts and how far it sweeps. */
export interface CorticalArc {
  /** Destroyed arc / full circumference, 0 to 1. */
  fraction: number;
  /** Angle of the destroyed arc, radians. */
  sweepRad: number;
  /** Which way the arc turns from the first end (about the normal of end 1 x end 2). */
  direction: 1 | -1;
}

/** The in-plane basis at the centre: u towards the first arc end, v a quarter turn on, in the plane of the clicks. */
function planeBasis(centre: readonly number[], end1: readonly number[], end2: readonly number[], side: readonly number[]): { u: Vec; v: Vec } | null {
  const a = sub(end1, centre);
  if (norm(a) === 0) return null;
  let n = cross(a, sub(end2, centre));
  // Ends exactly opposite each other: the side click spans the plane instead.
  if (norm(n) < 1e-9 * norm(a) ** 2) n = cross(a, sub(side, centre));
  if (norm(n) < 1e-9 * norm(a) ** 2) return null;
  const u = scale(a, 1 / norm(a));
  const nn = scale(n, 1 / norm(n));
  return { u, v: cross(nn, u) };
}

/**
 * The normal (unit) of the plane the tool's clicks lie in: the cross-section of the bone the arc
 * was measured on. Null when the clicks do not define a plane.
 */
export function corticalArcNormal(points: readonly (readonly number[])[]): Vec | null {
  const [centre, end1, end2, side] = points;
  if (!centre || !end1 || !end2 || !side) return null;
  const basis = planeBasis(centre, end1, end2, side);
  return basis ? cross(basis.u, basis.v) : null;
}

function angleOf(p: readonly number[], centre: readonly number[], basis: { u: Vec; v: Vec }): number {
  const d = sub(p, centre);
  const t = Math.atan2(dot(d, basis.v), dot(d, basis.u));
  return t < 0 ? t + TAU : t;
}

/**
 * The destroyed cortical arc from the tool's four clicks (world mm): bone centre, arc end, arc
 * end, a point on the destroyed side. Null when the clicks do not define a plane (coincident points).
 */
export function corticalArc(points: readonly (readonly number[])[]): CorticalArc | null {
  const [centre, end1, end2, side] = points;
  if (!centre || !end1 || !end2 || !side) return null;
  const basis = planeBasis(centre, end1, end2, side);
  if (!basis) return null;
  const toEnd2 = angleOf(end2, centre, basis);
  const toSide = angleOf(side, centre, basis);
  // The arc swept from end 1 to end 2 holds the side click, or the other one does.
  if (toSide > 0 && toSide < toEnd2) return { fraction: toEnd2 / TAU, sweepRad: toEnd2, direction: 1 };
  return { fraction: 1 - toEnd2 / TAU, sweepRad: TAU - toEnd2, direction: -1 };
}

/**
 * Points along the destroyed arc (world mm), for drawing: at the mean radius of the two ends.
 * @param points - the four clicks
 * @param samples - segments of the polyline
 */
export function corticalArcPolyline(points: readonly (readonly number[])[], samples = 48): WorldPoint[] {
  const arc = corticalArc(points);
  if (!arc) return [];
  const [centre, end1, end2, side] = points as [number[], number[], number[], number[]];
  const basis = planeBasis(centre, end1, end2, side)!;
  const radius = (norm(sub(end1, centre)) + norm(sub(end2, centre))) / 2;
  const line: WorldPoint[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = (arc.direction * arc.sweepRad * i) / samples;
    line.push([0, 1, 2].map((k) => centre[k]! + radius * (Math.cos(t) * basis.u[k]! + Math.sin(t) * basis.v[k]!)) as WorldPoint);
  }
  return line;
}
