import type { DensityLaw, ModulusLaw } from '@shared/analysis/ctra-constants';

/** Ash density (g/cm3) at a calibrated HU by a density law. */
export function ashDensity(calibratedHu: number, law: DensityLaw): number {
  return law.interceptGPerCm3 + law.slopeGPerCm3PerHu * calibratedHu;
}

/** Elastic modulus (MPa) at an ash density by a power law; no density, no stiffness. */
export function modulusOfDensity(rho: number, law: ModulusLaw): number {
  return rho > 0 ? law.coefficientMpa * rho ** law.exponent : 0;
}

/** A linear map from the scan's HU to calibrated HU: calibrated = interceptHu + slope * HU. */
export interface HuCalibration {
  slope: number;
  interceptHu: number;
}

/** HU (as stored, rounded) to modulus, tabulated: the modulus of every pixel of every section comes from here. */
export interface ModulusTable {
  /** E (MPa) at HU = index + LOWEST_HU. */
  values: Float64Array;
}

const LOWEST_HU = -1100;
const HIGHEST_HU = 4100;

/** Tabulates HU -> calibrated HU -> ash density -> modulus once per analysis. */
export function modulusTable(calibration: HuCalibration, density: DensityLaw, modulus: ModulusLaw): ModulusTable {
  const values = new Float64Array(HIGHEST_HU - LOWEST_HU + 1);
  for (let n = 0; n < values.length; n++) {
    const hu = n + LOWEST_HU;
    values[n] = modulusOfDensity(ashDensity(calibration.interceptHu + calibration.slope * hu, density), modulus);
  }
  return { values };
}

/** The tabulated modulus (MPa) at a HU value (rounded, clamped to the table). */
export function modulusAt(table: ModulusTable, hu: number): number {
  const n = Math.round(hu) - LOWEST_HU;
  return table.values[n < 0 ? 0 : n >= table.values.length ? table.values.length - 1 : n]!;
}
