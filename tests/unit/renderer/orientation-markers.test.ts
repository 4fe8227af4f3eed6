import { describe, expect, it } from 'vitest';
import { directionLetters, edgeMarkers, oppositeLetters, parsePatientOrientation } from '@shared/geometry/patient-direction';

const patient = { kind: 'patient' } as const;

describe('orientation markers', () => {
  it('names an axial, a sagittal and a coronal view in radiological convention', () => {
    expect(edgeMarkers([1, 0, 0], [0, 1, 0], patient)).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(edgeMarkers([0, 1, 0], [0, 0, -1], patient)).toEqual({ left: 'A', right: 'P', top: 'H', bottom: 'F' });
    expect(edgeMarkers([1, 0, 0], [0, 0, -1], patient)).toEqual({ left: 'R', right: 'L', top: 'H', bottom: 'F' });
  });

  it('names an oblique edge strongest direction first and ignores rounding', () => {
    expect(directionLetters([0, 0.99096, 0.134158], patient)).toBe('PH');
    expect(directionLetters([0.7, -0.71, 0], patient)).toBe('AL');
    expect(directionLetters([1, 1e-6, -1e-5], patient)).toBe('L');
  });

  it('reads a radiograph from its Patient Orientation, rows then columns', () => {
    const basis = { kind: 'radiograph', ...parsePatientOrientation('L\\F')! } as const;
    expect(edgeMarkers([1, 0, 0], [0, 1, 0], basis)).toEqual({ left: 'R', right: 'L', top: 'H', bottom: 'F' });
    // Rotated a quarter turn clockwise: the columns' direction (F) now runs to the left.
    expect(edgeMarkers([0, -1, 0], [1, 0, 0], basis)).toEqual({ left: 'F', right: 'H', top: 'R', bottom: 'L' });
  });

  it('refuses a Patient Orientation that is absent or not DICOM letters', () => {
    expect(parsePatientOrientation(undefined)).toBeNull();
    expect(parsePatientOrientation('L')).toBeNull();
    expect(parsePatientOrientation('L\\X')).toBeNull();
    expect(parsePatientOrientation(' a \\ fr ')).toEqual({ row: 'A', column: 'FR' });
    expect(oppositeLetters('LPH')).toBe('RAF');
  });

  it('names nothing for a degenerate or skewed screen', () => {
    expect(edgeMarkers([0, 0, 0], [0, 1, 0], patient)).toBeNull();
    expect(edgeMarkers([1, 0, 0], [0.5, 0.5, 0], patient)).toBeNull();
    expect(edgeMarkers([0, 0, 1], [0, 1, 0], { kind: 'radiograph', row: 'L', column: 'F' })).toBeNull();
  });
});
