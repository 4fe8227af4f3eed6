import { describe, expect, it } from 'vitest';
import type { MeasuredMm } from '@shared/lesion/measurement';
import { findingObservation } from '../../../electron/core/export/fhir/build-finding-observation';
import { fromAnnotation, makeLesion } from '../../support/lesion-fixtures';

// The finding's size components are what a receiver's software reads as the tumour's size: a
// length measured on a radiograph at the detector, or in pixels, must not arrive as an exact size
// in millimetres in the patient.

const refs = { patient: 'urn:p', imagingStudy: 'urn:s', reader: 'urn:r', scores: [] };
const times = { studyDate: '2024-01-15', issued: '2026-02-01T10:00:00Z' };
const ucum = (value: number) => ({ value, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' });

function largestDimension(measured: MeasuredMm) {
  const observation = findingObservation(makeLesion({ nature: 'lytic', largestDimensionMm: measured }), refs, times);
  const component = observation.component?.find((c) => c.code.coding?.[0]?.code === '33728-7');
  return { component, notes: (observation.note ?? []).map((n) => n.text) };
}

describe('the size components of the FHIR finding', () => {
  it('a length in the patient (CT, typed) or calibrated to the patient is an exact Quantity in UCUM mm', () => {
    expect(largestDimension(fromAnnotation(28)).component).toMatchObject({ valueQuantity: ucum(28) });
    expect(largestDimension({ ...fromAnnotation(28), spacingPlane: 'calibrated' }).component).toMatchObject({ valueQuantity: ucum(28) });
  });

  it('a length at a radiograph\'s detector is the Range of patient sizes it allows, never narrower', () => {
    // 28 mm at the detector is 21.538...-28 mm in the patient at magnification 1.0-1.3: the low bound rounded down.
    const { component } = largestDimension({ ...fromAnnotation(28), spacingPlane: 'detector' });
    expect(component?.valueQuantity).toBeUndefined();
    expect(component?.valueRange).toEqual({ low: ucum(21.53), high: ucum(28) });
    // A header stating 1.85: 15.135... to 28 mm.
    expect(largestDimension({ ...fromAnnotation(28), spacingPlane: 'detector', maxMagnification: 1.85 }).component?.valueRange).toEqual({ low: ucum(15.13), high: ucum(28) });
  });

  it('a length in pixels is no size in mm: unknown, with the pixels in the note', () => {
    const { component, notes } = largestDimension({ ...fromAnnotation(120), spacingPlane: 'none' });
    expect(component?.valueQuantity).toBeUndefined();
    expect(component?.valueRange).toBeUndefined();
    expect(component?.dataAbsentReason?.coding?.[0]?.code).toBe('unknown');
    expect(notes).toContain('Largest dimension 120 px (no pixel spacing: size in the patient unknown).');
  });
});
