import type { MeasuredMm } from '@shared/lesion/measurement';
import { patientSizeBounds } from '@shared/scoring/patient-size';
import { SYSTEMS } from './fhir-codes';
import type { Observation } from './fhir-report-resources';

type Quantity = NonNullable<Observation['valueQuantity']>;
type Value = Pick<Observation, 'valueQuantity' | 'valueRange'>;

const quantity = (value: number, unit: 'mm' | '%'): Quantity => ({ value, unit, system: SYSTEMS.ucum, code: unit });

/** Rounded down at the second decimal: a bound never inside the sizes the length allows. */
const floor2 = (value: number) => Math.floor(value * 100 + 1e-9) / 100;

/**
 * A measured value as an Observation's value[x] in the patient: an exact Quantity (UCUM) where it
 * was measured in the patient or calibrated to it; at a radiograph's detector the Range of patient
 * sizes it allows (value / largest magnification to value), never narrower; null for a length in
 * pixels, which says nothing in millimetres.
 */
export function measuredValue(measured: MeasuredMm, unit: 'mm' | '%'): Value | null {
  if (unit === 'mm' && measured.spacingPlane === 'none') return null;
  if (unit === 'mm' && measured.spacingPlane === 'detector') {
    const [low, high] = patientSizeBounds(measured);
    return { valueRange: { low: quantity(floor2(low), unit), high: quantity(high, unit) } };
  }
  return { valueQuantity: quantity(measured.value, unit) };
}
