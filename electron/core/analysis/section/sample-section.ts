import { worldToIndex, indexStep, type Volume } from '../volume/volume';
import type { SectionFrame } from './section-frame';

/** A square image of a cross-section, centred on its centre, row by row (rows along v, columns along u). */
export interface SectionImage {
  size: number;
  spacingMm: number;
  values: Float32Array;
}

/** A section image's pixel grid: size x size pixels of spacingMm, centred. */
export interface SectionGrid {
  size: number;
  spacingMm: number;
}

/** HU given to samples outside the volume (air), so that a section touching the edge still reads as no bone. */
export const OUTSIDE_HU = -1000;

/**
 * Samples a cross-section by trilinear interpolation: pixel (column c, row r) lies at
 * centre + (c - h) * spacing * u + (r - h) * spacing * v, h = (size - 1) / 2.
 * @returns the image, and whether every sample lay inside the volume
 */
export function sampleSection(volume: Volume, frame: SectionFrame, centre: readonly number[], grid: SectionGrid, out?: Float32Array): { image: SectionImage; complete: boolean } {
  const { size, spacingMm } = grid;
  const values = out && out.length === size * size ? out : new Float32Array(size * size);
  const half = (size - 1) / 2;
  const [ci, cj, ck] = worldToIndex(volume, centre);
  const [ui, uj, uk] = indexStep(volume, frame.u.map((x) => x * spacingMm));
  const [vi, vj, vk] = indexStep(volume, frame.v.map((x) => x * spacingMm));
  const { columns, rows, slices, hu } = volume;
  const plane = columns * rows;
  const maxI = columns - 1;
  const maxJ = rows - 1;
  const maxK = slices - 1;
  let complete = true;
  let n = 0;
  for (let r = 0; r < size; r++) {
    const dr = r - half;
    let i = ci - half * ui + dr * vi;
    let j = cj - half * uj + dr * vj;
    let k = ck - half * uk + dr * vk;
    for (let c = 0; c < size; c++, n++, i += ui, j += uj, k += uk) {
      if (!(i >= 0 && j >= 0 && k >= 0 && i <= maxI && j <= maxJ && k <= maxK)) {
        values[n] = OUTSIDE_HU;
        complete = false;
        continue;
      }
      // Cells at the far edge borrow the last voxel, so an index exactly on it stays in range.
      const i0 = i < maxI ? Math.floor(i) : maxI > 0 ? maxI - 1 : 0;
      const j0 = j < maxJ ? Math.floor(j) : maxJ > 0 ? maxJ - 1 : 0;
      const k0 = k < maxK ? Math.floor(k) : maxK > 0 ? maxK - 1 : 0;
      const fi = i - i0;
      const fj = j - j0;
      const fk = k - k0;
      const b = k0 * plane + j0 * columns + i0;
      const di = maxI > 0 ? 1 : 0;
      const dj = maxJ > 0 ? columns : 0;
      const dk = maxK > 0 ? plane : 0;
      const h000 = hu[b]!;
      const h100 = hu[b + di]!;
      const h010 = hu[b + dj]!;
      const h110 = hu[b + dj + di]!;
      const h001 = hu[b + dk]!;
      const h101 = hu[b + dk + di]!;
      const h011 = hu[b + dk + dj]!;
      const h111 = hu[b + dk + dj + di]!;
      const c00 = h000 + (h100 - h000) * fi;
      const c10 = h010 + (h110 - h010) * fi;
      const c01 = h001 + (h101 - h001) * fi;
      const c11 = h011 + (h111 - h011) * fi;
      const c0 = c00 + (c10 - c00) * fj;
      const c1 = c01 + (c11 - c01) * fj;
      values[n] = c0 + (c1 - c0) * fk;
    }
  }
  return { image: { size, spacingMm, values }, complete };
}
