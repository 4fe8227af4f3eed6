import { describe, expect, it } from 'vitest';
import { AnnotationSchema } from '@shared/annotation/annotation';
import { LesionSchema } from '@shared/lesion/lesion';
import { scoreLesion } from '@shared/scoring/score-lesion';
import { uuidToUid } from '@shared/dicom/uid';
import { newLesionDraft, validateDraft } from '../../../renderer/src/features/lesions/lesion-draft';
import { citedAnnotationIds } from '@shared/lesion/cited-annotations';
import type { AnnotationSnapshot } from '../../../renderer/src/services/viewer/annotation-snapshot';
import { sameDrawing, toAnnotationRecord } from '../../../renderer/src/services/viewer/annotation-record';

const snapshot: AnnotationSnapshot = {
  annotationUid: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  toolName: 'CorticalInvolvement',
  frameOfReferenceUid: '1.2.3.9',
  image: { seriesInstanceUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.5', frame: null },
  viewPlaneNormal: [0, 0, 1],
  viewUp: [0, -1, 0],
  points: [[96, -8, -18.75], [85, -13, -18.75], [101, 3, -18.75], [104, -16, -18.75]],
  stats: { arcPercent: 59.7, arcDegrees: 214.9, unit: '%' },
  text: null,
};
const context = { studyInstanceUid: '1.2.3', reader: 'AB', lesionId: null, createdAt: '2026-01-01T00:00:00.000Z', now: '2026-01-01T00:00:01.000Z' };

describe('toAnnotationRecord', () => {
  it('keys a drawing by UIDs and world points, keeping only numeric figures', () => {
    const record = toAnnotationRecord(snapshot, context);
    expect('refused' in record).toBe(false);
    const parsed = AnnotationSchema.parse(record);
    expect(parsed).toMatchObject({ id: snapshot.annotationUid, sopInstanceUid: '1.2.3.4.5', frameNumber: 1, tool: 'CorticalInvolvement', reader: 'AB' });
    expect(parsed.measurements).toEqual({ arcPercent: 59.7, arcDegrees: 214.9 });
  });

  it('keeps a Length drawn on a sagittal reformat on its plane (normal and view-up made unit length)', () => {
    const sagittal = { ...snapshot, toolName: 'Length', image: null, viewPlaneNormal: [2, 0, 0] as [number, number, number], viewUp: [0, 0, 1] as [number, number, number], points: [[96, -8, -40], [96, -8, 2.5]] as [number, number, number][], stats: { length: 42.5, unit: 'mm' } };
    const parsed = AnnotationSchema.parse(toAnnotationRecord(sagittal, { ...context, planeSeriesInstanceUid: '1.2.3.4' }));
    expect(parsed).toMatchObject({ seriesInstanceUid: '1.2.3.4', sopInstanceUid: null, frameNumber: null, frameOfReferenceUid: '1.2.3.9', viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1], measurements: { length: 42.5 } });
  });

  it('refuses a reformat drawing with no known plane or series, and unknown tools, saying why', () => {
    expect(toAnnotationRecord({ ...snapshot, image: null }, context)).toEqual({ refused: expect.stringContaining('reformat plane') });
    expect(toAnnotationRecord({ ...snapshot, image: null, viewUp: null }, { ...context, planeSeriesInstanceUid: '1.2.3.4' })).toEqual({ refused: expect.stringContaining('reformat plane') });
    expect(toAnnotationRecord({ ...snapshot, image: null, frameOfReferenceUid: null }, { ...context, planeSeriesInstanceUid: '1.2.3.4' })).toEqual({ refused: expect.stringContaining('frame of reference') });
    expect(toAnnotationRecord({ ...snapshot, toolName: 'Crosshairs' }, context)).toEqual({ refused: expect.stringContaining('Crosshairs') });
  });

  it('tells a re-save that changes nothing from a real change', () => {
    const a = toAnnotationRecord(snapshot, context) as ReturnType<typeof AnnotationSchema.parse>;
    const later = toAnnotationRecord({ ...snapshot, stats: { arcPercent: 59.7 + 1e-9, arcDegrees: 214.9 } }, { ...context, now: '2026-02-01T00:00:00.000Z' }) as typeof a;
    expect(sameDrawing(a, later)).toBe(true);
    // A record read back from the store (keys in the schema's order) is the same drawing.
    expect(sameDrawing(AnnotationSchema.parse(JSON.parse(JSON.stringify(a))), later)).toBe(true);
    expect(sameDrawing(a, { ...a, lesionId: '0f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b' })).toBe(false);
    expect(sameDrawing(a, { ...a, measurements: { ...a.measurements, axialExtentMm: 40 } })).toBe(false);
  });
});

describe('lesion drafts', () => {
  it('makes a tracking UID under 2.25 from the lesion UUID', () => {
    expect(uuidToUid('00000000-0000-4000-8000-000000000001')).toBe(`2.25.${BigInt('0x00000000000040008000000000000001')}`);
    const draft = newLesionDraft('1.2.3', '1.2.3.4', 'AB');
    expect(draft.trackingUid.length).toBeLessThanOrEqual(64);
  });

  it('asks for the bone first, then validates and scores like the CLI', () => {
    const draft = newLesionDraft('1.2.3', '1.2.3.4', 'AB');
    expect(validateDraft(draft)).toEqual({ problem: 'Choose the bone.' });
    const filled = { ...draft, boneId: 'femur', regionId: 'femur-diaphysis', laterality: 'left' as const, nature: 'lytic' as const, circumferentialInvolvementPct: { value: 60, provenance: { source: 'annotation' as const, annotationId: snapshot.annotationUid } } };
    const checked = validateDraft(filled);
    if ('problem' in checked) throw new Error(checked.problem);
    expect(checked.scores).toEqual(scoreLesion(LesionSchema.parse(filled)));
    expect(checked.scores.vanDerLinden.flagged).toBe(true);
    expect(citedAnnotationIds(checked.lesion)).toEqual([snapshot.annotationUid]);
    expect(validateDraft({ ...filled, laterality: 'midline' })).toEqual({ problem: expect.stringContaining('paired') });
  });
});
