import { BinnedValues } from '../math/statistics';
import { OUTSIDE_HU, type SectionImage } from '../section/sample-section';

/** Rays per section, one a degree (as BoneJ's pQCT distribution analysis). */
export const RAY_COUNT = 360;
/** Sampling step along a ray (mm). */
export const RAY_STEP_MM = 0.3;

const COS = Float64Array.from({ length: RAY_COUNT }, (_, m) => Math.cos((m * 2 * Math.PI) / RAY_COUNT));
const SIN = Float64Array.from({ length: RAY_COUNT }, (_, m) => Math.sin((m * 2 * Math.PI) / RAY_COUNT));

// Reused between calls (the analysis runs on one thread): the ray profiles of one section, and
// the histograms of the soft tissue and marrow levels (2 HU bins).
let scratch = new Float32Array(0);
const outside = new BinnedValues(-1100, 2, 2100);
const inside = new BinnedValues(-1100, 2, 2100);

/** Unit direction (u, v) of ray m. */
export function rayDirection(m: number): [number, number] {
  return [COS[m]!, SIN[m]!];
}

/** What the rays of one section found: per ray its highest HU and where the cortex begins and ends. */
export interface RayProfile {
  /** The highest HU along each ray within the band where the cortex is looked for. */
  peak: Float32Array;
  /** Distance (mm) from the ray origin to the periosteal half-maximum crossing; NaN where none. */
  periosteal: Float32Array;
  /** Distance (mm) to the endosteal half-maximum crossing; 0 when the bone is solid to the centre. */
  endosteal: Float32Array;
  /** The soft tissue level just outside the bone (median HU 2.5 to 5 mm beyond the expected surface). */
  softHu: number;
  /** The medullary level (median HU within 0.3 of the expected radius). */
  marrowHu: number;
}

/**
 * Casts RAY_COUNT rays from (cu, cv) (mm from the image centre) across the cortex expected at
 * `radiusMm`. On each, the cortical peak is the highest HU between 0.35 and 1.3 radii (+2 mm);
 * its outer and inner edges are where the profile crosses half-way between the peak and the
 * tissue beyond it (soft tissue outside, marrow inside): half maximum, so that the blur of
 * partial volume moves neither edge. Rays begin a quarter radius out; a cortex reaching further
 * in is reported as solid (endosteal 0).
 */
export function castRays(image: SectionImage, cu: number, cv: number, radiusMm: number): RayProfile {
  const { size, spacingMm, values } = image;
  const halfPixels = (size - 1) / 2;
  const halfExtent = halfPixels * spacingMm;
  const reach = Math.min(Math.max(radiusMm + 6, 1.3 * radiusMm + 4), halfExtent - Math.hypot(cu, cv) - spacingMm);
  const samples = Math.max(4, Math.floor(reach / RAY_STEP_MM) + 1);
  const band0 = Math.max(1, Math.floor((0.35 * radiusMm) / RAY_STEP_MM));
  const band1 = Math.min(samples - 2, Math.ceil((1.3 * radiusMm + 2) / RAY_STEP_MM));
  const soft0 = Math.min(samples - 1, Math.round((radiusMm + 2.5) / RAY_STEP_MM));
  const soft1 = Math.min(samples - 1, Math.round((radiusMm + 5) / RAY_STEP_MM));
  // Rays start a quarter radius out: the medullary level comes from the image's central disc instead.
  const first = Math.max(0, Math.floor((0.25 * radiusMm) / RAY_STEP_MM));
  if (scratch.length < RAY_COUNT * samples) scratch = new Float32Array(RAY_COUNT * samples);
  const profiles = scratch;
  outside.counts.fill(0);
  outside.total = 0;
  const max = size - 1;
  const x0 = cu / spacingMm + halfPixels;
  const y0 = cv / spacingMm + halfPixels;
  for (let m = 0; m < RAY_COUNT; m++) {
    const dx = (COS[m]! * RAY_STEP_MM) / spacingMm;
    const dy = (SIN[m]! * RAY_STEP_MM) / spacingMm;
    const row = m * samples;
    for (let s = first; s < samples; s++) {
      // Bilinear interpolation in the section image, inlined: this loop is most of the analysis.
      const x = x0 + s * dx;
      const y = y0 + s * dy;
      let value = OUTSIDE_HU;
      if (x >= 0 && y >= 0 && x <= max && y <= max) {
        const xi = x < max ? x | 0 : max - 1;
        const yi = y < max ? y | 0 : max - 1;
        const fx = x - xi;
        const fy = y - yi;
        const n = yi * size + xi;
        const top = values[n]! + (values[n + 1]! - values[n]!) * fx;
        const bottom = values[n + size]! + (values[n + size + 1]! - values[n + size]!) * fx;
        value = top + (bottom - top) * fy;
      }
      profiles[row + s] = value;
    }
    for (let s = soft0; s <= soft1; s += 2) outside.add(profiles[row + s]!);
  }
  const softHu = outside.quantile(0.5) ?? 0;
  const marrowHu = centralMedian(image, cu, cv, 0.3 * radiusMm);
  const peak = new Float32Array(RAY_COUNT);
  const periosteal = new Float32Array(RAY_COUNT);
  const endosteal = new Float32Array(RAY_COUNT);
  for (let m = 0; m < RAY_COUNT; m++) {
    const row = m * samples;
    let best = band0;
    for (let s = band0 + 1; s <= band1; s++) if (profiles[row + s]! > profiles[row + best]!) best = s;
    const top = profiles[row + best]!;
    peak[m] = top;
    const outerHalf = (top + softHu) / 2;
    let s = best;
    while (s + 1 < samples && profiles[row + s + 1]! >= outerHalf) s++;
    periosteal[m] = s + 1 < samples ? (s + crossing(profiles[row + s]!, profiles[row + s + 1]!, outerHalf)) * RAY_STEP_MM : Number.NaN;
    const innerHalf = (top + marrowHu) / 2;
    s = best;
    while (s - 1 >= first && profiles[row + s - 1]! >= innerHalf) s--;
    endosteal[m] = s > first ? (s - crossing(profiles[row + s]!, profiles[row + s - 1]!, innerHalf)) * RAY_STEP_MM : 0;
  }
  return { peak, periosteal, endosteal, softHu, marrowHu };
}

/** The median HU of the image's pixels within a radius (mm) of (cu, cv): the medullary level. */
function centralMedian(image: SectionImage, cu: number, cv: number, radiusMm: number): number {
  const { size, spacingMm, values } = image;
  const half = (size - 1) / 2;
  const x0 = cu / spacingMm + half;
  const y0 = cv / spacingMm + half;
  const reach = Math.max(1, radiusMm / spacingMm);
  inside.counts.fill(0);
  inside.total = 0;
  for (let y = Math.max(0, Math.ceil(y0 - reach)); y <= Math.min(size - 1, Math.floor(y0 + reach)); y++) {
    for (let x = Math.max(0, Math.ceil(x0 - reach)); x <= Math.min(size - 1, Math.floor(x0 + reach)); x++) {
      if ((x - x0) ** 2 + (y - y0) ** 2 <= reach * reach) inside.add(values[y * size + x]!);
    }
  }
  return inside.quantile(0.5) ?? 0;
}

/** Where, as a fraction of the step from a (at or above the level) to b (below it), the profile crosses the level. */
function crossing(a: number, b: number, level: number): number {
  return a === b ? 0.5 : Math.min(1, Math.max(0, (a - level) / (a - b)));
}
