import type { FemurTruth, GeometryTruth, LesionSpec, LesionSpecInput, LesionTruth } from './ground-truth';
import { roundMm } from './geometry';

// Slice centres and range ends are both on a micrometre grid; the tolerance only
// absorbs floating-point error, never a real gap.
const Z_TOLERANCE_MM = 1e-6;

/** Angle (degrees, [0, 360)) of a point about a centre, in patient LPS coordinates. */
export function angleDeg(x: number, y: number, cx: number, cy: number): number {
  const deg = (Math.atan2(y - cy, x - cx) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/** Whether an angle lies on the arc that runs from `start` to `end` (end may exceed 360). */
export function inArc(thetaDeg: number, startDeg: number, endDeg: number): boolean {
  const offset = (((thetaDeg - startDeg) % 360) + 360) % 360;
  return offset <= endDeg - startDeg;
}

/** Indices of the slices whose centre z lies within the lesion's z range. */
export function involvedSliceIndices(geometry: GeometryTruth, spec: Pick<LesionSpec, 'zStartMm' | 'zEndMm'>): number[] {
  const indices: number[] = [];
  geometry.slicePositionsZMm.forEach((z, index) => {
    if (z >= spec.zStartMm - Z_TOLERANCE_MM && z <= spec.zEndMm + Z_TOLERANCE_MM) indices.push(index);
  });
  return indices;
}

/** Whether a point of an involved slice is tumour: on the arc, from below the endosteum out to the periosteum. */
export function inLesion(x: number, y: number, femur: FemurTruth, spec: LesionSpec): boolean {
  const dx = x - femur.centreXMm;
  const dy = y - femur.centreYMm;
  const r = Math.sqrt(dx * dx + dy * dy);
  if (r > femur.outerRadiusMm || r < femur.innerRadiusMm - spec.marrowDepthMm) return false;
  return inArc(angleDeg(x, y, femur.centreXMm, femur.centreYMm), spec.arcStartDeg, spec.arcEndDeg);
}

/** Largest distance between two points of an annular sector (radii a < b, opening in degrees). */
export function sectorMaxDimension(a: number, b: number, openingDeg: number): number {
  if (openingDeg >= 180) return 2 * b;
  const phi = (openingDeg * Math.PI) / 180;
  // The farthest pair is two outer ends, or an outer end and the opposite inner corner, or one radial edge.
  return Math.max(2 * b * Math.sin(phi / 2), Math.sqrt(a * a + b * b - 2 * a * b * Math.cos(phi)), b - a);
}

/** The ground truth of one lesion as drawn on the given grid; throws when no slice is involved. */
export function lesionTruth(spec: LesionSpec, femur: FemurTruth, geometry: GeometryTruth): LesionTruth {
  const indices = involvedSliceIndices(geometry, spec);
  const first = indices[0];
  const last = indices[indices.length - 1];
  if (first === undefined || last === undefined) {
    throw new RangeError(`lesion ${spec.id}: no slice centre lies in [${spec.zStartMm}, ${spec.zEndMm}] mm`);
  }
  if (spec.marrowDepthMm >= femur.innerRadiusMm) throw new RangeError(`lesion ${spec.id}: marrowDepthMm must be below the marrow radius`);
  const half = geometry.sliceSpacingMm / 2;
  const zStartMm = roundMm((geometry.slicePositionsZMm[first] ?? 0) - half);
  const zEndMm = roundMm((geometry.slicePositionsZMm[last] ?? 0) + half);
  const axialExtentMm = indices.length * geometry.sliceSpacingMm;
  const opening = spec.arcEndDeg - spec.arcStartDeg;
  const inner = femur.innerRadiusMm - spec.marrowDepthMm;
  const outer = femur.outerRadiusMm;
  const inPlaneMaxDimensionMm = sectorMaxDimension(inner, outer, opening);
  const midAngle = ((spec.arcStartDeg + opening / 2) * Math.PI) / 180;
  const midRadius = (inner + outer) / 2;
  return {
    id: spec.id,
    bone: 'femur',
    side: spec.side,
    region: 'diaphysis',
    nature: 'lytic',
    arcStartDeg: spec.arcStartDeg,
    arcEndDeg: spec.arcEndDeg,
    circumferentialFraction: opening / 360,
    zStartMm,
    zEndMm,
    axialExtentMm,
    involvedSliceIndices: { first, last },
    involvedSliceCount: indices.length,
    tumourInnerRadiusMm: inner,
    tumourOuterRadiusMm: outer,
    inPlaneMaxDimensionMm,
    largestDimensionMm: Math.max(axialExtentMm, inPlaneMaxDimensionMm),
    centreMm: {
      x: femur.centreXMm + midRadius * Math.cos(midAngle),
      y: femur.centreYMm + midRadius * Math.sin(midAngle),
      z: (zStartMm + zEndMm) / 2,
    },
  };
}

/**
 * The default lesions: a large lytic lesion in the left femur (60% of the circumference, 40 mm long,
 * Van der Linden positive on both criteria) and a small one in the right (25%, 12 mm).
 * @param geometry - the grid; each range is centred on a slab boundary so that its ends fall between slice centres
 */
export function defaultLesionSpecs(geometry: GeometryTruth): LesionSpecInput[] {
  const boundaryNear = (fraction: number): number => {
    const index = Math.max(0, Math.min(geometry.sliceCount - 2, Math.round(fraction * (geometry.sliceCount - 1))));
    return (geometry.slicePositionsZMm[index] ?? geometry.firstSliceZMm) + geometry.sliceSpacingMm / 2;
  };
  const large = boundaryNear(0.4);
  const small = boundaryNear(0.7);
  return [
    // Centred anterolaterally (lateral is +x, 0 deg, for the left femur; anterior is 270 deg): 216 deg about 315 deg.
    { id: 'L1', side: 'left', arcStartDeg: 207, arcEndDeg: 423, zStartMm: large - 20, zEndMm: large + 20, marrowDepthMm: 4 },
    // Centred posteriorly (90 deg): 90 deg of arc.
    { id: 'R1', side: 'right', arcStartDeg: 45, arcEndDeg: 135, zStartMm: small - 6, zEndMm: small + 6, marrowDepthMm: 2 },
  ];
}
