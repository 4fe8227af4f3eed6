/** A circle in a section's plane (u, v in mm). */
export interface Circle {
  cu: number;
  cv: number;
  radius: number;
  /** Root-mean-square distance of the points from the circle (mm). */
  rms: number;
}

/**
 * The algebraic (Kasa) least-squares circle through points; null for fewer than three or a
 * degenerate set. The points are centred first so that the normal equations stay well scaled.
 */
export function fitCircle(us: readonly number[], vs: readonly number[]): Circle | null {
  const n = us.length;
  if (n < 3) return null;
  let mu = 0;
  let mv = 0;
  for (let k = 0; k < n; k++) {
    mu += us[k]!;
    mv += vs[k]!;
  }
  mu /= n;
  mv /= n;
  // Solve for (a, b, c) in x^2 + y^2 = a x + b y + c on centred coordinates.
  let sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, sxz = 0, syz = 0, sz = 0;
  for (let k = 0; k < n; k++) {
    const x = us[k]! - mu;
    const y = vs[k]! - mv;
    const z = x * x + y * y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sx += x;
    sy += y;
    sxz += x * z;
    syz += y * z;
    sz += z;
  }
  const solution = solve3([sxx, sxy, sx, sxy, syy, sy, sx, sy, n], [sxz, syz, sz]);
  if (!solution) return null;
  const [a, b, c] = solution;
  const cu = a / 2;
  const cv = b / 2;
  const r2 = c + cu * cu + cv * cv;
  if (!(r2 > 0)) return null;
  const radius = Math.sqrt(r2);
  let sq = 0;
  for (let k = 0; k < n; k++) sq += (Math.hypot(us[k]! - mu - cu, vs[k]! - mv - cv) - radius) ** 2;
  return { cu: cu + mu, cv: cv + mv, radius, rms: Math.sqrt(sq / n) };
}

/** Mean distance of points from a given centre, and its RMS spread: a radius when the centre is known. */
export function radiusAbout(us: readonly number[], vs: readonly number[], cu: number, cv: number): Circle | null {
  const n = us.length;
  if (n === 0) return null;
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.hypot(us[k]! - cu, vs[k]! - cv);
  const radius = sum / n;
  let sq = 0;
  for (let k = 0; k < n; k++) sq += (Math.hypot(us[k]! - cu, vs[k]! - cv) - radius) ** 2;
  return { cu, cv, radius, rms: Math.sqrt(sq / n) };
}

/** Solves a 3x3 linear system (row-major) by Cramer's rule; null when singular. */
function solve3(m: readonly number[], r: readonly number[]): [number, number, number] | null {
  const det = (a: readonly number[]) =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (!(Math.abs(d) > 1e-12)) return null;
  const withColumn = (col: number) => m.map((value, index) => (index % 3 === col ? r[Math.floor(index / 3)]! : value));
  return [det(withColumn(0)) / d, det(withColumn(1)) / d, det(withColumn(2)) / d];
}
