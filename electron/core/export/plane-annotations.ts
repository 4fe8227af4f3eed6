import { isPlaneAnnotation, type Annotation } from '@shared/annotation/annotation';

/**
 * What an export says about the drawings on reformat planes it leaves out: a SEG frame and a key
 * image need a source image, which they lie on none of (the SR carries them with their plane).
 * Null when there are none.
 * @param annotations - the annotations the export covers
 */
export function planeAnnotationsLeftOut(annotations: readonly Annotation[]): { subject: string; reason: string } | null {
  const count = annotations.filter(isPlaneAnnotation).length;
  if (count === 0) return null;
  return {
    subject: `${count} drawing${count === 1 ? '' : 's'} on a reformat (sagittal/coronal) plane`,
    reason: 'not in the SEG or key images, which need a source image; the SR carries them with their plane, and the values measured from them are in the lesion records',
  };
}
