import { BinnedValues } from '../math/statistics';
import { RAY_COUNT } from './ray-profile';

const DEG_PER_RAY = 360 / RAY_COUNT;

/** A run of consecutive rays without intact cortex, with its ends interpolated between rays. */
export interface DestroyedRun {
  firstRay: number;
  rayCount: number;
  /** In [0, 360). */
  startDeg: number;
  /** startDeg + sweepDeg (may exceed 360). */
  endDeg: number;
  sweepDeg: number;
}

/** The stretch of bone (mm) whose rays give a section its intact-cortex reference. */
export const REFERENCE_WINDOW_MM = 100;
/** The share of rays in that window assumed to hold intact cortex at its densest. */
const REFERENCE_QUANTILE = 0.9;
/** Bins of the peak histograms (HU): a 4 HU bin moves a level by 2 HU at most. */
const PEAK_LOWEST = -1100;
const PEAK_HIGHEST = 3100;
const PEAK_BIN = 4;

/**
 * The intact cortical peak around each section: the 90th percentile of the ray peaks of the
 * sections within REFERENCE_WINDOW_MM centred on it (shifted at the bone's ends). A lesion
 * destroys a minority of the cortex within such a window, so the percentile is intact cortex,
 * while a thinner cortex farther along the bone still gets its own level.
 */
export function referencePeaks(positions: readonly number[], peaks: readonly Float32Array[]): number[] {
  const n = positions.length;
  const total = n > 1 ? positions[n - 1]! - positions[0]! : 0;
  const window = Math.min(REFERENCE_WINDOW_MM, total);
  // Cumulative histograms of the sections' peaks: a window's histogram is the difference of two.
  const bins = (PEAK_HIGHEST - PEAK_LOWEST) / PEAK_BIN;
  const cumulative = new Float64Array((n + 1) * bins);
  peaks.forEach((row, k) => {
    cumulative.copyWithin((k + 1) * bins, k * bins, (k + 1) * bins);
    for (const value of row) {
      const bin = Math.floor((value - PEAK_LOWEST) / PEAK_BIN);
      cumulative[(k + 1) * bins + (bin < 0 ? 0 : bin >= bins ? bins - 1 : bin)]! += 1;
    }
  });
  const pooled = new BinnedValues(PEAK_LOWEST, PEAK_BIN, bins);
  return positions.map((p) => {
    let lo = p - window / 2;
    let hi = p + window / 2;
    if (lo < positions[0]!) [lo, hi] = [positions[0]!, positions[0]! + window];
    if (hi > positions[n - 1]!) [lo, hi] = [positions[n - 1]! - window, positions[n - 1]!];
    let first = 0;
    while (positions[first]! < lo - 1e-6) first++;
    let last = n - 1;
    while (positions[last]! > hi + 1e-6) last--;
    pooled.total = 0;
    for (let b = 0; b < bins; b++) {
      const count = cumulative[(last + 1) * bins + b]! - cumulative[first * bins + b]!;
      pooled.counts[b] = count;
      pooled.total += count;
    }
    return pooled.quantile(REFERENCE_QUANTILE) ?? 0;
  });
}

/** The HU a ray's peak must reach for intact cortex: half-way from the soft tissue level to the intact peak. */
export function intactLevel(referencePeak: number, softHu: number): number {
  return softHu + 0.5 * (referencePeak - softHu);
}

/** 1 for each ray whose peak stays below the level (no intact cortex), else 0. */
export function destroyedRays(peak: Float32Array, level: number): Uint8Array {
  return Uint8Array.from(peak, (value) => (value < level ? 1 : 0));
}

/** Where between ray a (value pa) and the next ray (pb) the peak crosses the level, as a fraction of the step. */
function between(pa: number, pb: number, level: number): number {
  return pa === pb ? 0.5 : Math.min(1, Math.max(0, (pa - level) / (pa - pb)));
}

/**
 * The runs of destroyed rays of a section, round the circle. Each end lies where the peak
 * crosses the level between the last intact ray and the first destroyed one (linear
 * interpolation), so that an arc is measured to a fraction of a degree.
 */
export function destroyedRuns(peak: Float32Array, destroyed: Uint8Array, level: number): DestroyedRun[] {
  const n = RAY_COUNT;
  const firstIntact = destroyed.indexOf(0);
  if (firstIntact < 0) return [{ firstRay: 0, rayCount: n, startDeg: 0, endDeg: 360, sweepDeg: 360 }];
  const runs: DestroyedRun[] = [];
  for (let step = 1; step <= n; step++) {
    const m = (firstIntact + step) % n;
    if (!destroyed[m] || destroyed[(m - 1 + n) % n]) continue;
    let count = 0;
    while (destroyed[(m + count) % n]) count++;
    const before = (m - 1 + n) % n;
    const last = (m + count - 1) % n;
    const after = (last + 1) % n;
    const start = (m - 1 + between(peak[before]!, peak[m]!, level)) * DEG_PER_RAY;
    const end = (m + count - 1 + 1 - between(peak[after]!, peak[last]!, level)) * DEG_PER_RAY;
    const startDeg = ((start % 360) + 360) % 360;
    const sweepDeg = end - start;
    runs.push({ firstRay: m, rayCount: count, startDeg, endDeg: startDeg + sweepDeg, sweepDeg });
  }
  return runs;
}
