import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measurementSpacing } from '@shared/dicom/measurement-spacing';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { drawLength, magnifiedRadiograph, type MagnifiedRadiograph } from '../../support/magnified-radiograph';

// A radiograph's Estimated Radiographic Magnification Factor outside the plausible 1.0-1.3 (a C-arm
// close to its source, a magnification view, or a wrong header) was applied as exact: a factor of
// 2.0 halved every length, so a lesion whose patient size may be 34 mm at magnification 1.0 read
// 17 mm, certainly under Van der Linden's 30 mm. It now widens the detector's range instead.

const DX = '1.2.840.10008.5.1.4.1.1.1.1';

describe('the spacing rule', () => {
  it('applies a factor in 1.0-1.3 as exact, widens the detector range to a larger one, and ignores an impossible one', () => {
    const image = { sopClassUid: DX, pixelSpacing: [0.2, 0.2] as const, imagerPixelSpacing: [0.2, 0.2] as const };
    expect(measurementSpacing({ ...image, magnificationFactor: 1.2 })).toEqual({ spacing: [0.2 / 1.2, 0.2 / 1.2], plane: 'magnification-corrected' });
    expect(measurementSpacing({ ...image, magnificationFactor: 1.3 }).plane).toBe('magnification-corrected');
    expect(measurementSpacing({ ...image, magnificationFactor: 2 })).toEqual({ spacing: [0.2, 0.2], plane: 'detector', maxMagnification: 2 });
    expect(measurementSpacing({ ...image, magnificationFactor: 0.8 })).toEqual({ spacing: [0.2, 0.2], plane: 'detector' });
  });
});

let radiograph: MagnifiedRadiograph;

beforeAll(async () => {
  radiograph = await magnifiedRadiograph('radiograph-magnification', 2);
});
afterAll(() => radiograph.cleanup());

describe('a lesion length on a radiograph whose header states a magnification of 2.0', () => {
  it('is measured at the detector, never shrunk by the factor as if it were exact', () => {
    const { db, studyUid: study } = radiograph;
    expect(studyInstances(db, study)[0]!.measurementSpacing).toEqual({ spacing: [0.2, 0.2], plane: 'detector', maxMagnification: 2 });
  });

  it('leaves Van der Linden\'s axial > 30 mm undecided over magnification 1.0-2.0 and the referral possibly urgent, never certainly routine', () => {
    const { db, studyUid: study, seriesUid } = radiograph;
    const drawing = drawLength(radiograph, 'e0000000-0000-4000-8000-000000000001', 50);
    // 50 mm at the detector: 38.5-50 mm in the patient over 1.0-1.3 (met), 25-50 mm over 1.0-2.0 (undecided).
    const saved = saveLesion(db, makeLesion({ id: 'e1000000-0000-4000-8000-000000000001', studyInstanceUid: study, seriesInstanceUid: seriesUid, axialInvolvementMm: fromAnnotation(50, drawing.id), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false } }), 'AB');
    const lesion = readLesion(db, saved.id)!;
    expect(lesion.axialInvolvementMm).toEqual({ value: 50, provenance: { source: 'annotation', annotationId: drawing.id }, spacingPlane: 'detector', maxMagnification: 2 });
    const scores = scoreLesion(lesion);
    expect(scores.vanDerLinden.flagged).toBeNull();
    expect(scores.urgency.worstCase).toBe('urgent');
    expect(JSON.stringify(scores.vanDerLinden)).toContain('25-50 mm in the patient, magnification 1.0-2 not corrected');
    // A caller cannot narrow it back: the plane and the magnification are read from the index.
    const claimed = saveLesion(db, { ...lesion, axialInvolvementMm: { ...lesion.axialInvolvementMm!, spacingPlane: 'detector', maxMagnification: 1 } }, 'AB');
    expect(claimed.axialInvolvementMm!.maxMagnification).toBe(2);
  });
});

describe('Mirels size with the width at such a detector and the diameter in the patient', () => {
  it('spans every band the wider magnification allows', async () => {
    const { mirelsSize } = await import('@shared/scoring/mirels-size');
    const lesion = (maxMagnification?: number) =>
      makeLesion({
        lesionWidthMm: { value: 30, provenance: { source: 'annotation', annotationId: 'e0000000-0000-4000-8000-000000000009' }, spacingPlane: 'detector', ...(maxMagnification ? { maxMagnification } : {}) },
        boneDiameterMm: typed(60),
      });
    // 30 / 60 = 0.5 at the detector: 0.385-0.5 over 1.0-1.3 (one band), 0.25-0.5 over 1.0-2.0 (two).
    expect(mirelsSize(lesion()).possibleBands).toEqual(['one-to-two-thirds']);
    expect(mirelsSize(lesion(2)).possibleBands).toEqual(['under-one-third', 'one-to-two-thirds']);
    expect(mirelsSize(lesion(2)).missing).toContain('magnification 1.0-2 not corrected');
  });
});
