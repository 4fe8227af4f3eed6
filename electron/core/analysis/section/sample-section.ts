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
 * centre + (c - h) * spacing * u + (r - h) * spacing * v, h = (size - 1) / 2. With a disc
 * radius, only the pixels within it are sampled (the rest read as OUTSIDE_HU): the rays and the
 * rigidity never look beyond it, and the corners are a fifth of the square.
 * @returns the image, and whether every sample lay inside the volume
 */
export function sampleSection(
  volume: Volume,
  frame: SectionFrame,
  centre: readonly number[],
  grid: SectionGrid,
  out?: Float32Array,
  discRadiusMm = Number.POSITIVE_INFINITY,
): { image: SectionImage; complete: boolean } {
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
  // A single column, row or slice interpolates with itself.
  const di = maxI > 0 ? 1 : 0;
  const dj = maxJ > 0 ? columns : 0;
  const dk = maxK > 0 ? plane : 0;
  const disc2 = (discRadiusMm / spacingMm) ** 2;
  let complete = true;
  for (let r = 0; r < size; r++) {
    const dr = r - half;
    const reach = disc2 - dr * dr;
    const span = reach >= 0 ? Math.min(half, Math.floor(Math.sqrt(reach))) : -1;
    const c0 = Math.ceil(half - span);
    const c1 = Math.floor(half + span);
    const row = r * size;
    values.fill(OUTSIDE_HU, row, row + Math.max(0, c0));
    values.fill(OUTSIDE_HU, row + Math.max(0, c1 + 1), row + size);
    let i = ci + (c0 - half) * ui + dr * vi;
    let j = cj + (c0 - half) * uj + dr * vj;
    let k = ck + (c0 - half) * uk + dr * vk;
    for (let c = c0, n = row + c0; c <= c1; c++, n++, i += ui, j += uj, k += uk) {
      if (!(i >= 0 && j >= 0 && k >= 0 && i <= maxI && j <= maxJ && k <= maxK)) {
        values[n] = OUTSIDE_HU;
        complete = false;
        continue;
      }
      // Indices are not negative here, so truncation is the floor; the far edge borrows the last cell.
      const i0 = i < maxI ? i | 0 : maxI - di;
      const j0 = j < maxJ ? j | 0 : maxJ - (dj > 0 ? 1 : 0);
      const k0 = k < maxK ? k | 0 : maxK - (dk > 0 ? 1 : 0);
      const fi = i - i0;
      const fj = j - j0;
      const fk = k - k0;
      const b = k0 * plane + j0 * columns + i0;
      const h000 = hu[b]!;
      const h010 = hu[b + dj]!;
      const h001 = hu[b + dk]!;
      const h011 = hu[b + dk + dj]!;
      const c00 = h000 + (hu[b + di]! - h000) * fi;
      const c10 = h010 + (hu[b + dj + di]! - h010) * fi;
      const c01 = h001 + (hu[b + dk + di]! - h001) * fi;
      const c11 = h011 + (hu[b + dk + dj + di]! - h011) * fi;
      const e0 = c00 + (c10 - c00) * fj;
      values[n] = e0 + (c01 + (c11 - c01) * fj - e0) * fk;
    }
  }
  return { image: { size, spacingMm, values }, complete };
}
