import type { FemurTruth, GeometryTruth, LesionSpec, TissueHu } from './ground-truth';
import { tissueAt } from './anatomy';
import { inLesion } from './lesion';
import { pixelX, pixelY } from './geometry';
import type { Prng } from './prng';

/** Stored value = HU - RescaleIntercept; the files say RescaleIntercept -1024. */
export const RESCALE_INTERCEPT = -1024;
/** 12 bits stored: HU from -1024 to 3071. */
export const MAX_STORED_VALUE = 4095;

/** Nominal HU of every pixel of a lesion-free slice, row by row. Each pixel is its centre's tissue. */
export function renderBaseHu(geometry: GeometryTruth, femora: readonly FemurTruth[], tissues: TissueHu): Float32Array {
  const hu = new Float32Array(geometry.rows * geometry.columns);
  for (let row = 0; row < geometry.rows; row++) {
    const y = pixelY(geometry, row);
    for (let column = 0; column < geometry.columns; column++) {
      hu[row * geometry.columns + column] = tissueAt(pixelX(geometry, column), y, femora, tissues);
    }
  }
  return hu;
}

/** Pixel indices (row * columns + column) that a lesion turns into tumour on each involved slice. */
export function lesionPixels(geometry: GeometryTruth, femur: FemurTruth, spec: LesionSpec): Int32Array {
  const indices: number[] = [];
  const [rowSpacing, columnSpacing] = geometry.pixelSpacingMm;
  // Only the femur's bounding box can hold lesion pixels.
  const r = femur.outerRadiusMm;
  const columnFrom = Math.max(0, Math.floor((femur.centreXMm - r) / columnSpacing + (geometry.columns - 1) / 2));
  const columnTo = Math.min(geometry.columns - 1, Math.ceil((femur.centreXMm + r) / columnSpacing + (geometry.columns - 1) / 2));
  const rowFrom = Math.max(0, Math.floor((femur.centreYMm - r) / rowSpacing + (geometry.rows - 1) / 2));
  const rowTo = Math.min(geometry.rows - 1, Math.ceil((femur.centreYMm + r) / rowSpacing + (geometry.rows - 1) / 2));
  for (let row = rowFrom; row <= rowTo; row++) {
    for (let column = columnFrom; column <= columnTo; column++) {
      if (inLesion(pixelX(geometry, column), pixelY(geometry, row), femur, spec)) indices.push(row * geometry.columns + column);
    }
  }
  return Int32Array.from(indices);
}

/**
 * Fills `out` with stored pixel values: nominal HU, lesion pixels set to tumour, plus rounded Gaussian noise.
 * @param base - lesion-free HU from renderBaseHu
 * @param lesions - pixel index lists of the lesions involved on this slice
 */
export function writeStoredPixels(
  out: Uint16Array<ArrayBuffer>,
  base: Float32Array,
  lesions: readonly Int32Array[],
  tissues: TissueHu,
  prng: Prng,
): Uint16Array<ArrayBuffer> {
  const hu = Float32Array.from(base);
  for (const indices of lesions) for (const index of indices) hu[index] = tissues.tumour;
  for (let i = 0; i < hu.length; i++) {
    const noisy = Math.round((hu[i] ?? 0) + tissues.noiseSdHu * prng.gaussian()) - RESCALE_INTERCEPT;
    out[i] = noisy < 0 ? 0 : noisy > MAX_STORED_VALUE ? MAX_STORED_VALUE : noisy;
  }
  return out;
}
