import type { Annotation } from './annotation';

/**
 * Whether a drawing is an open freehand contour: Cornerstone's freehand tool measures an open
 * contour as a length and a closed one as an area (with its perimeter), and the stored figures keep
 * that difference. An open contour encloses no area: it is a line, not a region.
 */
export function isOpenContour(annotation: Pick<Annotation, 'tool' | 'measurements'>): boolean {
  return annotation.tool === 'PlanarFreehandROI' && annotation.measurements.area === undefined && annotation.measurements.length !== undefined;
}
