import { AppError } from '@shared/errors';
import type { Vector3 } from '@shared/geometry/vector3';
import { ScatterAccumulator, type Line3 } from '../math/principal-axes';
import { BinnedValues } from '../math/statistics';
import { indexToWorld, worldToIndex, type Volume } from '../volume/volume';
import { BONE_HU, COMPONENT_RADIUS_MM, SEED_SEARCH_RADIUS_MM } from './bone-thresholds';

/** The bone around a click: its nearest bone voxel, and the principal axis and size of the bone near it. */
export interface BoneNearClick {
  /** The bone voxel nearest the click (patient mm). */
  nearest: Vector3;
  distanceMm: number;
  /** The principal axis of the bone within COMPONENT_RADIUS_MM of the nearest voxel. */
  axis: Line3;
  /** Eigenvalues of the bone's scatter (mm2), largest first: how elongated it is. */
  spread: Vector3;
  /** The 95th percentile of the bone voxels' distance from the axis: about the outer radius of a tube. */
  radiusMm: number;
  voxelCount: number;
}

/** Refusal for a click with no bone near it. */
export function noBoneThere(detail: string): AppError {
  return new AppError('not_found', `No bone found there: ${detail} Click inside the bone, near the lesion.`);
}

/** Index bounds of a ball, clipped to the volume. */
function ballBounds(volume: Volume, centre: readonly number[], radiusMm: number): { lo: Vector3; hi: Vector3; c: Vector3 } {
  const c = worldToIndex(volume, centre);
  const dims = [volume.columns, volume.rows, volume.slices];
  const lo = [0, 1, 2].map((n) => Math.max(0, Math.ceil(c[n]! - radiusMm / volume.spacing[n]!))) as Vector3;
  const hi = [0, 1, 2].map((n) => Math.min(dims[n]! - 1, Math.floor(c[n]! + radiusMm / volume.spacing[n]!))) as Vector3;
  return { lo, hi, c };
}

/** The bone voxel (>= BONE_HU) nearest a point within SEED_SEARCH_RADIUS_MM, as a voxel index, or null. */
export function nearestBoneVoxel(volume: Volume, point: readonly number[]): { index: Vector3; distanceMm: number } | null {
  const { lo, hi, c } = ballBounds(volume, point, SEED_SEARCH_RADIUS_MM);
  const [sx, sy, sz] = volume.spacing;
  let best: Vector3 | null = null;
  let bestD2 = SEED_SEARCH_RADIUS_MM ** 2;
  for (let k = lo[2]; k <= hi[2]; k++) {
    const dz2 = ((k - c[2]) * sz) ** 2;
    if (dz2 > bestD2) continue;
    for (let j = lo[1]; j <= hi[1]; j++) {
      const dyz2 = dz2 + ((j - c[1]) * sy) ** 2;
      if (dyz2 > bestD2) continue;
      const row = (k * volume.rows + j) * volume.columns;
      for (let i = lo[0]; i <= hi[0]; i++) {
        if (volume.hu[row + i]! < BONE_HU) continue;
        const d2 = dyz2 + ((i - c[0]) * sx) ** 2;
        if (d2 < bestD2) {
          bestD2 = d2;
          best = [i, j, k];
        }
      }
    }
  }
  return best ? { index: best, distanceMm: Math.sqrt(bestD2) } : null;
}

/**
 * The bone near a click: the nearest bone voxel, then the bone connected to it (26-connected,
 * >= BONE_HU) within COMPONENT_RADIUS_MM, and that bone's principal axis.
 * @throws AppError not_found when no bone lies within SEED_SEARCH_RADIUS_MM
 */
export function boneNearClick(volume: Volume, click: readonly number[]): BoneNearClick {
  const found = nearestBoneVoxel(volume, click);
  if (!found) throw noBoneThere(`nothing as dense as bone (${BONE_HU} HU) lies within ${SEED_SEARCH_RADIUS_MM} mm of the point clicked.`);
  const nearest = indexToWorld(volume, found.index);
  const { lo, hi } = ballBounds(volume, nearest, COMPONENT_RADIUS_MM);
  const nx = hi[0] - lo[0] + 1;
  const ny = hi[1] - lo[1] + 1;
  const nz = hi[2] - lo[2] + 1;
  const visited = new Uint8Array(nx * ny * nz);
  // The component's voxels as local indices; [0, done) visited, [done, count) still to visit.
  let members = new Int32Array(1 << 16);
  const [sx, sy, sz] = volume.spacing;
  const [ci, cj, ck] = found.index;
  const r2 = COMPONENT_RADIUS_MM ** 2;
  const acc = new ScatterAccumulator();
  const first = ((ck - lo[2]) * ny + (cj - lo[1])) * nx + (ci - lo[0]);
  visited[first] = 1;
  members[0] = first;
  let count = 1;
  let done = 0;
  while (done < count) {
    const n = members[done++]!;
    const li = n % nx;
    const lj = ((n - li) / nx) % ny;
    const lk = (n - li - lj * nx) / (nx * ny);
    acc.add((li + lo[0]) * sx, (lj + lo[1]) * sy, (lk + lo[2]) * sz);
    for (let dk = -1; dk <= 1; dk++) {
      const kk = lk + dk;
      if (kk < 0 || kk >= nz) continue;
      for (let dj = -1; dj <= 1; dj++) {
        const jj = lj + dj;
        if (jj < 0 || jj >= ny) continue;
        for (let di = -1; di <= 1; di++) {
          const ii = li + di;
          if (ii < 0 || ii >= nx) continue;
          const m = (kk * ny + jj) * nx + ii;
          if (visited[m]) continue;
          visited[m] = 1;
          const gi = ii + lo[0];
          const gj = jj + lo[1];
          const gk = kk + lo[2];
          if (((gi - ci) * sx) ** 2 + ((gj - cj) * sy) ** 2 + ((gk - ck) * sz) ** 2 > r2) continue;
          if (volume.hu[(gk * volume.rows + gj) * volume.columns + gi]! < BONE_HU) continue;
          if (count === members.length) {
            const grown = new Int32Array(2 * members.length);
            grown.set(members);
            members = grown;
          }
          members[count++] = m;
        }
      }
    }
  }
  // The scatter was taken in scaled index space (an orthonormal frame): map mean and axis to patient space.
  const axes = acc.principalAxes();
  const mean = acc.mean();
  const point = indexToWorld(volume, mean.map((value, n) => value / volume.spacing[n]!));
  const d = axes.vectors[0];
  const direction: Vector3 = [0, 1, 2].map((n) => d[0] * volume.rowDir[n]! + d[1] * volume.columnDir[n]! + d[2] * volume.sliceDir[n]!) as Vector3;
  const axis: Line3 = { point, direction };
  // The 95th percentile of the voxels' distance from the axis (in the same scaled index space).
  const distances = new BinnedValues(0, 0.25, 4 * 2 * COMPONENT_RADIUS_MM);
  for (let k = 0; k < count; k++) {
    const n = members[k]!;
    const li = n % nx;
    const lj = ((n - li) / nx) % ny;
    const lk = (n - li - lj * nx) / (nx * ny);
    const px = (li + lo[0]) * sx - mean[0];
    const py = (lj + lo[1]) * sy - mean[1];
    const pz = (lk + lo[2]) * sz - mean[2];
    const t = px * d[0] + py * d[1] + pz * d[2];
    distances.add(Math.hypot(px - t * d[0], py - t * d[1], pz - t * d[2]));
  }
  const radiusMm = distances.quantile(0.95) ?? 0;
  return { nearest, distanceMm: found.distanceMm, axis, spread: axes.values, radiusMm, voxelCount: count };
}
