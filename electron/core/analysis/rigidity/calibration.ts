import type { CalibrationInsert, CalibrationRequest } from '@shared/analysis/bone-analysis-request';
import { TISSUE_REFERENCE_HU, type CalibrationResult, type DensityLaw } from '@shared/analysis/ctra-constants';
import { AppError } from '@shared/errors';
import { NOT_IMAGED_AT_OR_BELOW_HU } from '../volume/not-imaged';
import { worldToIndex, type Volume } from '../volume/volume';
import type { HuCalibration } from './modulus';

/** Where each reference tissue's histogram peak is looked for (HU as scanned). */
const PEAK_WINDOWS = { air: [-1100, -900], fat: [-190, -40], muscle: [0, 100] } as const;
/** A peak must hold at least this share of the sampled voxels to count. */
const MIN_PEAK_SHARE = 0.002;
/** A tissue calibration whose slope leaves this range is implausible (a scanner this far off would not pass QA). */
const PLAUSIBLE_SLOPE = [0.8, 1.25] as const;

/** The calibration a rigidity analysis uses: the HU map and the density law it feeds. */
export interface Calibration {
  hu: HuCalibration;
  density: DensityLaw;
  result: CalibrationResult;
}

/** The histogram peak (mode of a 5-bin moving sum, 2 HU bins) of a HU window, or null when too few voxels lie in it. */
function peakIn(histogram: Uint32Array, lowest: number, window: readonly [number, number], total: number): number | null {
  let best = -1;
  let bestCount = 0;
  for (let hu = window[0] + 4; hu <= window[1] - 4; hu += 2) {
    let count = 0;
    for (let d = -4; d <= 4; d += 2) count += histogram[(hu + d - lowest) >> 1] ?? 0;
    if (count > bestCount) {
      bestCount = count;
      best = hu;
    }
  }
  return best >= -2000 && bestCount >= MIN_PEAK_SHARE * total ? best + 1 : null;
}

/**
 * Phantom-less calibration (after Eggermont et al. 2019: air, fat and muscle as internal
 * references): the histogram peaks of the three tissues are mapped to their reference HU by
 * least squares. With fewer than two tissues found, or an implausible fit, HU are used as scanned.
 */
export function tissueCalibration(volume: Volume, density: DensityLaw): Calibration {
  const lowest = -1100;
  const histogram = new Uint32Array(((3100 - lowest) >> 1) + 1);
  let total = 0;
  // Every third voxel each way: millions of samples, plenty for three peaks.
  for (let k = 0; k < volume.slices; k += 3) {
    for (let j = 0; j < volume.rows; j += 3) {
      const row = (k * volume.rows + j) * volume.columns;
      for (let i = 0; i < volume.columns; i += 3) {
        const hu = volume.hu[row + i]!;
        if (hu < lowest || hu > 3100) continue;
        histogram[(hu - lowest) >> 1]!++;
        total++;
      }
    }
  }
  const measuredHu = {
    air: peakIn(histogram, lowest, PEAK_WINDOWS.air, total),
    fat: peakIn(histogram, lowest, PEAK_WINDOWS.fat, total),
    muscle: peakIn(histogram, lowest, PEAK_WINDOWS.muscle, total),
  };
  const pairs = (['air', 'fat', 'muscle'] as const).flatMap((t) => (measuredHu[t] === null ? [] : [[measuredHu[t]!, TISSUE_REFERENCE_HU[t]] as const]));
  let hu: HuCalibration = { slope: 1, interceptHu: 0 };
  let note: string;
  if (pairs.length < 2) {
    note = `Only ${pairs.length} of air, fat and muscle found in the histogram: HU used as scanned.`;
  } else {
    const fit = leastSquares(pairs.map((p) => p[0]), pairs.map((p) => p[1]));
    if (fit.slope < PLAUSIBLE_SLOPE[0] || fit.slope > PLAUSIBLE_SLOPE[1]) {
      note = `The reference tissues gave an implausible slope (${fit.slope.toFixed(3)}): HU used as scanned.`;
    } else {
      hu = fit;
      note = `Phantom-less: ${pairs.length} reference tissues (after Eggermont et al. 2019).`;
    }
  }
  return {
    hu,
    density,
    result: { kind: 'tissues', measuredHu, referenceHu: { ...TISSUE_REFERENCE_HU }, slope: hu.slope, interceptHu: hu.interceptHu, note },
  };
}

/**
 * The mean HU inside a sphere about a point, of the voxels imaged: padding next to an insert (read
 * as -32768) or an artefact's undershoot below -2000 HU is not the insert's density.
 */
function meanHuInSphere(volume: Volume, insert: CalibrationInsert): number {
  const c = worldToIndex(volume, insert.centre);
  let sum = 0;
  let count = 0;
  let inSeries = 0;
  const reach = [0, 1, 2].map((n) => Math.ceil(insert.radiusMm / volume.spacing[n]!));
  for (let k = Math.max(0, Math.round(c[2]) - reach[2]!); k <= Math.min(volume.slices - 1, Math.round(c[2]) + reach[2]!); k++) {
    for (let j = Math.max(0, Math.round(c[1]) - reach[1]!); j <= Math.min(volume.rows - 1, Math.round(c[1]) + reach[1]!); j++) {
      for (let i = Math.max(0, Math.round(c[0]) - reach[0]!); i <= Math.min(volume.columns - 1, Math.round(c[0]) + reach[0]!); i++) {
        const d2 = ((i - c[0]) * volume.spacing[0]) ** 2 + ((j - c[1]) * volume.spacing[1]) ** 2 + ((k - c[2]) * volume.spacing[2]) ** 2;
        if (d2 > insert.radiusMm ** 2) continue;
        inSeries++;
        const hu = volume.hu[(k * volume.rows + j) * volume.columns + i]!;
        if (hu <= NOT_IMAGED_AT_OR_BELOW_HU) continue;
        sum += hu;
        count++;
      }
    }
  }
  if (inSeries === 0) throw new AppError('invalid_request', 'A calibration insert lies outside the series: mark it on the image.');
  if (count === 0) throw new AppError('invalid_request', 'A calibration insert lies outside what the scanner imaged (in the padding about its circle): mark it on the image.');
  return sum / count;
}

/** Calibration from a phantom's inserts: ash density = intercept + slope * HU, fitted to the inserts' stated densities. */
export function phantomCalibration(volume: Volume, inserts: readonly CalibrationInsert[]): Calibration {
  const measured = inserts.map((insert) => ({ meanHu: meanHuInSphere(volume, insert), ashDensityGPerCm3: insert.ashDensityGPerCm3 }));
  const fit = leastSquares(measured.map((m) => m.meanHu), measured.map((m) => m.ashDensityGPerCm3));
  if (!(fit.slope > 0)) throw new AppError('invalid_request', 'The calibration inserts do not get denser as their HU rise: check the inserts and their densities.');
  const density: DensityLaw = {
    interceptGPerCm3: fit.interceptHu,
    slopeGPerCm3PerHu: fit.slope,
    source: `Calibration phantom, ${inserts.length} inserts, least squares: rho_ash = ${fit.interceptHu.toPrecision(4)} + ${fit.slope.toPrecision(4)} * HU (g/cm3)`,
  };
  return { hu: { slope: 1, interceptHu: 0 }, density, result: { kind: 'phantom', inserts: measured, density, note: 'Calibration phantom marked by the reader.' } };
}

/** The calibration a request asks for (tissues by default). */
export function calibrate(volume: Volume, request: CalibrationRequest | undefined, density: DensityLaw): Calibration {
  return request?.kind === 'phantom' ? phantomCalibration(volume, request.inserts) : tissueCalibration(volume, density);
}

/** Least-squares line y = interceptHu + slope * x. */
function leastSquares(xs: readonly number[], ys: readonly number[]): HuCalibration {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    sxy += (xs[k]! - mx) * (ys[k]! - my);
    sxx += (xs[k]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, interceptHu: my - slope * mx };
}
