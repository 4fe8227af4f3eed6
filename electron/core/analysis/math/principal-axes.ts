import type { Vector3 } from '@shared/geometry/vector3';

/** Eigenvalues (descending) and unit eigenvectors of a symmetric 3x3 matrix. */
export interface Eigen3 {
  values: Vector3;
  vectors: [Vector3, Vector3, Vector3];
}

/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations: exact to rounding
 * for the small, well-conditioned scatter matrices the analysis builds.
 * @param m - row-major [xx, xy, xz, yy, yz, zz]
 */
export function symmetricEigen3(m: readonly [number, number, number, number, number, number]): Eigen3 {
  const a = [
    [m[0], m[1], m[2]],
    [m[1], m[3], m[4]],
    [m[2], m[4], m[5]],
  ];
  const v = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0]![1]! ** 2 + a[0]![2]! ** 2 + a[1]![2]! ** 2;
    if (off < 1e-30 * (a[0]![0]! ** 2 + a[1]![1]! ** 2 + a[2]![2]! ** 2 + 1e-300)) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
      const apq = a[p]![q]!;
      if (apq === 0) continue;
      const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < 3; k++) {
        const akp = a[k]![p]!;
        const akq = a[k]![q]!;
        a[k]![p] = c * akp - s * akq;
        a[k]![q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p]![k]!;
        const aqk = a[q]![k]!;
        a[p]![k] = c * apk - s * aqk;
        a[q]![k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k]![p]!;
        const vkq = v[k]![q]!;
        v[k]![p] = c * vkp - s * vkq;
        v[k]![q] = s * vkp + c * vkq;
      }
    }
  }
  const order = [0, 1, 2].sort((x, y) => a[y]![y]! - a[x]![x]!);
  const column = (n: number): Vector3 => [v[0]![n]!, v[1]![n]!, v[2]![n]!];
  return {
    values: order.map((n) => a[n]![n]!) as Vector3,
    vectors: order.map(column) as [Vector3, Vector3, Vector3],
  };
}

/** Accumulates points (optionally weighted) for their mean and scatter matrix. */
export class ScatterAccumulator {
  private n = 0;
  private sx = 0;
  private sy = 0;
  private sz = 0;
  private sxx = 0;
  private sxy = 0;
  private sxz = 0;
  private syy = 0;
  private syz = 0;
  private szz = 0;

  /** Adds one point with a weight (default 1). */
  add(x: number, y: number, z: number, w = 1): void {
    this.n += w;
    this.sx += w * x;
    this.sy += w * y;
    this.sz += w * z;
    this.sxx += w * x * x;
    this.sxy += w * x * y;
    this.sxz += w * x * z;
    this.syy += w * y * y;
    this.syz += w * y * z;
    this.szz += w * z * z;
  }

  /** The total weight added. */
  get weight(): number {
    return this.n;
  }

  /** The weighted mean. */
  mean(): Vector3 {
    return [this.sx / this.n, this.sy / this.n, this.sz / this.n];
  }

  /** The principal axes of the points about their mean (covariance eigen-decomposition). */
  principalAxes(): Eigen3 {
    const [mx, my, mz] = this.mean();
    const n = this.n;
    return symmetricEigen3([
      this.sxx / n - mx * mx,
      this.sxy / n - mx * my,
      this.sxz / n - mx * mz,
      this.syy / n - my * my,
      this.syz / n - my * mz,
      this.szz / n - mz * mz,
    ]);
  }
}

/** A straight line: a point on it and a unit direction. */
export interface Line3 {
  point: Vector3;
  direction: Vector3;
}

/** The least-squares line through points (their mean and principal direction); null for fewer than two. */
export function fitLine(points: readonly (readonly number[])[], weights?: readonly number[]): Line3 | null {
  if (points.length < 2) return null;
  const acc = new ScatterAccumulator();
  points.forEach((p, n) => acc.add(p[0]!, p[1]!, p[2]!, weights ? weights[n]! : 1));
  if (!(acc.weight > 0)) return null;
  return { point: acc.mean(), direction: acc.principalAxes().vectors[0] };
}

/** Distance from a point to a line. */
export function distanceToLine(point: readonly number[], line: Line3): number {
  const d = [point[0]! - line.point[0], point[1]! - line.point[1], point[2]! - line.point[2]];
  const t = d[0]! * line.direction[0] + d[1]! * line.direction[1] + d[2]! * line.direction[2];
  return Math.hypot(d[0]! - t * line.direction[0], d[1]! - t * line.direction[1], d[2]! - t * line.direction[2]);
}

/** The smaller eigenvalue of a symmetric 2x2 matrix [[a, b], [b, c]]. */
export function smallerEigenvalue2(a: number, b: number, c: number): number {
  return (a + c) / 2 - Math.sqrt(((a - c) / 2) ** 2 + b * b);
}
