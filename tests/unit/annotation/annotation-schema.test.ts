import { describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, AnnotationSchema, isImageAnnotation, isPlaneAnnotation, StoredAnnotationSchema } from '@shared/annotation/annotation';

const common = {
  schemaVersion: ANNOTATION_SCHEMA_VERSION,
  id: '9c1b2f4e-6a7d-4e8f-9a0b-1c2d3e4f5a6b',
  lesionId: null,
  studyInstanceUid: '1.2.3.4',
  seriesInstanceUid: '1.2.3.4.5',
  frameOfReferenceUid: '1.2.3.9',
  tool: 'Length',
  points: [[10.25, -20.5, -530], [10.25, -20.5, -490]],
  text: null,
  measurements: { length: 40 },
  reader: 'AB',
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T09:00:00Z',
};
const onImage = { ...common, sopInstanceUid: '1.2.3.4.5.6', frameNumber: 1, viewPlaneNormal: null, viewUp: null };
const onPlane = { ...common, sopInstanceUid: null, frameNumber: null, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1] };
const problem = (candidate: unknown) => {
  const result = AnnotationSchema.safeParse(candidate);
  return result.success ? null : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe('annotation schema v2: a source image or a reformat plane, exactly one', () => {
  it('accepts an annotation on a source image', () => {
    const a = AnnotationSchema.parse(onImage);
    expect(isImageAnnotation(a)).toBe(true);
    expect(isPlaneAnnotation(a)).toBe(false);
  });

  it('accepts an annotation on a reformat plane', () => {
    const a = AnnotationSchema.parse(onPlane);
    expect(isPlaneAnnotation(a)).toBe(true);
    expect(a).toMatchObject({ sopInstanceUid: null, frameNumber: null, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1] });
  });

  it('refuses both placements at once, or neither', () => {
    expect(problem({ ...onImage, viewPlaneNormal: [1, 0, 0], viewUp: [0, 0, 1] })).toMatch(/exactly one/);
    expect(problem({ ...onPlane, sopInstanceUid: '1.2.3.4.5.6' })).toMatch(/exactly one/);
    expect(problem({ ...onPlane, viewUp: null })).toMatch(/exactly one/);
    expect(problem({ ...onPlane, frameOfReferenceUid: null })).toMatch(/exactly one/);
    expect(problem({ ...onImage, frameNumber: null })).toMatch(/exactly one/);
  });

  it('refuses plane vectors that are not unit length, or a view-up out of the plane', () => {
    expect(problem({ ...onPlane, viewPlaneNormal: [2, 0, 0] })).toMatch(/viewPlaneNormal.*unit vector/);
    expect(problem({ ...onPlane, viewUp: [0, 0.6, 0.6] })).toMatch(/viewUp.*unit vector/);
    expect(problem({ ...onPlane, viewUp: [1, 0, 0] })).toMatch(/viewUp.*perpendicular/);
  });

  it('reads a stored v1 record as v2 on its source image, and still refuses a malformed one', () => {
    const { viewPlaneNormal: _n, viewUp: _u, ...v1 } = { ...onImage, schemaVersion: 1 };
    expect(AnnotationSchema.safeParse(v1).success).toBe(false);
    expect(StoredAnnotationSchema.parse(v1)).toEqual({ ...onImage, schemaVersion: 2 });
    expect(StoredAnnotationSchema.safeParse({ ...v1, sopInstanceUid: null }).success).toBe(false);
  });
});
