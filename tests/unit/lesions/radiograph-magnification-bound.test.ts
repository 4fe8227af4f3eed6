import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STATED_MAGNIFICATION, measurementSpacing, spacingPlaneNote } from '@shared/dicom/measurement-spacing';
import { MeasuredMmSchema } from '@shared/lesion/measurement';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { readLesion, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { parseStoredLesion } from '../../../electron/core/lesions/measured-planes';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { drawLength, magnifiedRadiograph, type MagnifiedRadiograph } from '../../support/magnified-radiograph';

// A radiograph whose header states an Estimated Radiographic Magnification Factor of 150 gave its
// lengths {plane: 'detector', maxMagnification: 150}, which the lesion schema (at most 100) refused:
// the lesion could not be saved, and one stored through the restore or the CLI broke its reading.
// The spacing rule and the lesion record now share one bound; a factor beyond it is not credible,
// so the magnification is taken as not known (every credible one allowed), never as exact.

const DX = '1.2.840.10008.5.1.4.1.1.1.1';

describe('the spacing rule with a factor beyond any credible magnification', () => {
  it('takes the magnification as not known, within the bound the lesion record accepts', () => {
    const image = { sopClassUid: DX, pixelSpacing: [0.2, 0.2] as const, imagerPixelSpacing: [0.2, 0.2] as const };
    const spacing = measurementSpacing({ ...image, magnificationFactor: 150 });
    expect(spacing).toEqual({ spacing: [0.2, 0.2], plane: 'detector', maxMagnification: MAX_STATED_MAGNIFICATION });
    expect(measurementSpacing({ ...image, magnificationFactor: Number.POSITIVE_INFINITY }).maxMagnification).toBe(MAX_STATED_MAGNIFICATION);
    expect(MeasuredMmSchema.safeParse({ value: 45, provenance: { source: 'typed' }, spacingPlane: 'detector', maxMagnification: spacing.maxMagnification }).success).toBe(true);
    // A credible factor below the bound is still carried as the header states it.
    expect(measurementSpacing({ ...image, magnificationFactor: 2 }).maxMagnification).toBe(2);
    const note = spacingPlaneNote('detector', MAX_STATED_MAGNIFICATION);
    expect(note).toContain('magnification not known');
    expect(note).toContain(`divided by 1.0 to ${MAX_STATED_MAGNIFICATION}`);
  });
});

let radiograph: MagnifiedRadiograph;

beforeAll(async () => {
  radiograph = await magnifiedRadiograph('radiograph-magnification-bound', 150);
});
afterAll(() => radiograph.cleanup());

describe('a lesion drawn on a radiograph whose header states a magnification of 150', () => {
  it('saves, reads back and scores the size undecided, the referral possibly urgent', () => {
    const { db, studyUid: study, seriesUid } = radiograph;
    const drawing = drawLength(radiograph, 'e0000000-0000-4000-8000-000000000151', 45);
    const saved = saveLesion(db, makeLesion({ id: 'e1000000-0000-4000-8000-000000000151', studyInstanceUid: study, seriesInstanceUid: seriesUid, axialInvolvementMm: fromAnnotation(45, drawing.id), circumferentialInvolvementPct: typed(10), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false } }), 'AB');
    const lesion = readLesion(db, saved.id)!;
    expect(lesion.axialInvolvementMm).toMatchObject({ spacingPlane: 'detector', maxMagnification: MAX_STATED_MAGNIFICATION });
    // Stored as the restore and the CLI store it (planes from the index), it still reads.
    expect(() => parseStoredLesion(db, JSON.stringify(lesion))).not.toThrow();
    const scores = scoreLesion(lesion);
    expect(scores.vanDerLinden.flagged).toBeNull();
    expect(scores.urgency.worstCase).toBe('urgent');
  });
});
