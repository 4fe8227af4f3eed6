import { describe, expect, it } from 'vitest';
import { planeFields } from '@shared/lesion/measurement';
import { fromAnnotation } from '../../../renderer/src/features/lesions/lesion-draft';

describe('the plane a drawn length carries', () => {
  it('carries a wider magnification at a radiograph\'s detector only, and nothing in the patient plane', () => {
    expect(planeFields('detector', 1.85)).toEqual({ spacingPlane: 'detector', maxMagnification: 1.85 });
    expect(planeFields('detector')).toEqual({ spacingPlane: 'detector' });
    expect(planeFields('calibrated', 1.85)).toEqual({ spacingPlane: 'calibrated' });
    expect(planeFields('patient', 1.85)).toEqual({});
  });

  it('is what the lesion form links from a drawing', () => {
    expect(fromAnnotation(34, 'a1', 'detector', 2)).toEqual({ value: 34, provenance: { source: 'annotation', annotationId: 'a1' }, spacingPlane: 'detector', maxMagnification: 2 });
    expect(fromAnnotation(34, 'a1', 'magnification-corrected', 2)).toEqual({ value: 34, provenance: { source: 'annotation', annotationId: 'a1' }, spacingPlane: 'magnification-corrected' });
  });
});
