import type { AnnotationSnapshot } from '../../services/viewer/annotation-feed';
import type { MeasuredField } from './lesion-draft';

/** The value a selected annotation gives a measured field, or why it gives none. */
export function valueFromAnnotation(field: MeasuredField, annotation: AnnotationSnapshot | null): { value: number } | { problem: string } {
  if (!annotation) return { problem: 'Select an annotation first (click it on the image or in Measurements).' };
  const s = annotation.stats;
  const number = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : null);
  if (field === 'largestDimensionMm') {
    const length = annotation.toolName === 'Length' || annotation.toolName === 'Bidirectional' ? number('length') : null;
    return length === null ? { problem: 'A Length or Bidirectional measurement gives the largest dimension.' } : { value: length };
  }
  if (field === 'circumferentialInvolvementPct') {
    const arc = annotation.toolName === 'CorticalInvolvement' ? number('arcPercent') : null;
    return arc === null ? { problem: 'The cortical-involvement tool gives the circumferential involvement.' } : { value: arc };
  }
  const axial = annotation.toolName === 'CorticalInvolvement' ? number('axialExtentMm') : null;
  return axial === null ? { problem: 'Record the first and last involved slices on a cortical-involvement annotation.' } : { value: axial };
}
