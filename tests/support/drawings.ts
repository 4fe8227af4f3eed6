import type { AnnotationSnapshot } from '../../renderer/src/services/viewer/annotation-snapshot';

/**
 * A Length drawn on a sagittal reformat (no source image: a frame of reference, a plane and two
 * points 41.5 mm apart along z), as the annotation feed reports it, with the given fields changed.
 */
export function reformatLength(overrides: Partial<AnnotationSnapshot> = {}): AnnotationSnapshot {
  return {
    annotationUid: '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    toolName: 'Length',
    frameOfReferenceUid: '1.2.3.9',
    image: null,
    viewPlaneNormal: [1, 0, 0],
    viewUp: [0, 0, 1],
    points: [[96, -8, -40], [96, -8, 1.5]],
    stats: { length: 41.5, unit: 'mm' },
    text: null,
    ...overrides,
  };
}
