import type { SectionImage } from './sample-section';

/** The bone seen on a section near its centre: one 8-connected region above a HU level. */
export interface SectionBlob {
  /** Centroid offsets from the image centre (mm). */
  cu: number;
  cv: number;
  areaMm2: number;
  /** The 95th percentile of the pixels' distance from the centroid (mm): the outer radius of a ring. */
  radiusMm: number;
  /** Whether the region reaches the image border (it may continue beyond the image). */
  touchesBorder: boolean;
  /** The farthest reach of its pixels from the centroid (mm, to the pixel's far edge) in each of REACH_DIRECTIONS directions, the first along +u, turning to +v. */
  reachMm: Float32Array;
}

/** Directions in which a region's reach is kept: 7.5 degrees apart. */
export const REACH_DIRECTIONS = 48;

// Reused between calls (one thread): which pixels the current call reached (stamped with the
// call's number, so nothing is cleared), the region's pixels, and a histogram of their distances.
let stamps = new Uint32Array(0);
let stamp = 0;
let members = new Int32Array(0);
const distanceBins = new Float64Array(4096);

/**
 * The region of pixels at or above `level` that holds the pixel nearest to the point (u, v)
 * (offsets from the centre, mm), if that pixel lies within `maxDistanceMm`; null otherwise.
 */
export function blobNear(image: SectionImage, level: number, u: number, v: number, maxDistanceMm: number): SectionBlob | null {
  const { size, spacingMm, values } = image;
  const half = (size - 1) / 2;
  const px = u / spacingMm + half;
  const py = v / spacingMm + half;
  const reach = maxDistanceMm / spacingMm;
  let start = -1;
  let bestD2 = reach * reach;
  const y0 = Math.max(0, Math.floor(py - reach));
  const y1 = Math.min(size - 1, Math.ceil(py + reach));
  const x0 = Math.max(0, Math.floor(px - reach));
  const x1 = Math.min(size - 1, Math.ceil(px + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      if (values[y * size + x]! < level) continue;
      const d2 = (x - px) ** 2 + (y - py) ** 2;
      if (d2 <= bestD2) {
        bestD2 = d2;
        start = y * size + x;
      }
    }
  }
  if (start < 0) return null;
  if (stamps.length < size * size) {
    stamps = new Uint32Array(size * size);
    members = new Int32Array(size * size);
    stamp = 0;
  }
  stamp++;
  let count = 0;
  let top = 0;
  members[top++] = start;
  stamps[start] = stamp;
  let sx = 0;
  let sy = 0;
  let touchesBorder = false;
  // members doubles as the stack: [count, top) still to visit, [0, count) visited.
  while (count < top) {
    const n = members[count++]!;
    const x = n % size;
    const y = (n - x) / size;
    sx += x;
    sy += y;
    if (x === 0 || y === 0 || x === size - 1 || y === size - 1) touchesBorder = true;
    for (let dy = -1; dy <= 1; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= size) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        if (xx < 0 || xx >= size) continue;
        const m = yy * size + xx;
        if (stamps[m] === stamp || values[m]! < level) continue;
        stamps[m] = stamp;
        members[top++] = m;
      }
    }
  }
  const mx = sx / count;
  const my = sy / count;
  // The 95th percentile distance, from a histogram of tenth-of-a-pixel bins; the reach in each direction.
  distanceBins.fill(0);
  const reachMm = new Float32Array(REACH_DIRECTIONS);
  for (let k = 0; k < count; k++) {
    const n = members[k]!;
    const x = n % size;
    const y = (n - x) / size;
    const distance = Math.hypot(x - mx, y - my);
    distanceBins[Math.min(distanceBins.length - 1, Math.floor(10 * distance))]!++;
    const direction = Math.round((Math.atan2(y - my, x - mx) * REACH_DIRECTIONS) / (2 * Math.PI) + REACH_DIRECTIONS) % REACH_DIRECTIONS;
    reachMm[direction] = Math.max(reachMm[direction]!, (distance + 0.5) * spacingMm);
  }
  let seen = 0;
  let bin = 0;
  while (bin < distanceBins.length - 1 && seen + distanceBins[bin]! < 0.95 * count) seen += distanceBins[bin++]!;
  return {
    cu: (mx - half) * spacingMm,
    cv: (my - half) * spacingMm,
    areaMm2: count * spacingMm * spacingMm,
    radiusMm: ((bin + 0.5) / 10) * spacingMm + spacingMm / 2,
    touchesBorder,
    reachMm,
  };
}
