import type { Annotation } from '@shared/annotation/annotation';
import { isOpenContour } from '@shared/annotation/open-contour';
import { fillEllipse, fillPolygon, fillWhere, type PixelPoint } from './rasterize';
import { imageKey, sliceKey, worldToPixel, type SliceGeometry } from './slice-geometry';

/**
 * What a segment is made of, annotation by annotation, on the one image each annotation was drawn on
 * (no interpolation between slices):
 * - PlanarFreehandROI and RectangleROI: the polygon through their points, filled (an open freehand
 *   contour, a length, encloses nothing);
 * - EllipticalROI: the ellipse whose axes are points 0-1 and 2-3 (Cornerstone's handles);
 * - CircleROI: the disc centred on point 0 through point 1;
 * - CorticalInvolvement (point 0 the bone centre, 1 and 2 the ends of the destroyed arc, an optional
 *   point 3 on the arc): the annular sector from half the arc radius out to the arc radius, the
 *   destroyed cortex and the marrow beneath it. The arc runs from point 1 to point 2 in increasing
 *   in-plane angle (from the row direction towards the column direction: atan2(y, x) in LPS on an
 *   axial image, the phantom's convention) unless point 3 lies on the other way round. Inferred,
 *   not drawn: a segment that includes one is SEMIAUTOMATIC.
 * Length, Bidirectional, Angle, Probe and ArrowAnnotate enclose no area and add nothing.
 */
export const RASTERISED_TOOLS = ['PlanarFreehandROI', 'RectangleROI', 'EllipticalROI', 'CircleROI', 'CorticalInvolvement'] as const;

/** Fraction of the arc radius where the cortical-involvement sector starts. */
export const SECTOR_INNER_FRACTION = 0.5;

type Mm = [number, number];

function toMm(g: SliceGeometry, p: PixelPoint): Mm {
  return [p[0] * g.spacing[1], p[1] * g.spacing[0]];
}

const TAU = 2 * Math.PI;
const angle = (p: Mm, c: Mm) => (Math.atan2(p[1] - c[1], p[0] - c[0]) + TAU) % TAU;
const sweep = (from: number, to: number) => (to - from + TAU) % TAU;

function fillSector(mask: Uint8Array, g: SliceGeometry, pts: PixelPoint[]): void {
  const [centre, start, end, via] = pts.map((p) => toMm(g, p)) as [Mm, Mm, Mm, Mm | undefined];
  const outer = (Math.hypot(start[0] - centre[0], start[1] - centre[1]) + Math.hypot(end[0] - centre[0], end[1] - centre[1])) / 2;
  const inner = outer * SECTOR_INNER_FRACTION;
  let [a0, a1] = [angle(start, centre), angle(end, centre)];
  // A point on the arc that is not between start and end (increasing angle) means the arc runs the other way.
  if (via && sweep(a0, angle(via, centre)) > sweep(a0, a1)) [a0, a1] = [a1, a0];
  const span = sweep(a0, a1);
  const [cc, cr] = [centre[0] / g.spacing[1], centre[1] / g.spacing[0]];
  const [rc, rr] = [outer / g.spacing[1], outer / g.spacing[0]];
  fillWhere(mask, g.rows, g.columns, [cc - rc, cr - rr, cc + rc, cr + rr], (c, r) => {
    const p: Mm = [c * g.spacing[1], r * g.spacing[0]];
    const d = Math.hypot(p[0] - centre[0], p[1] - centre[1]);
    return d >= inner && d <= outer && sweep(a0, angle(p, centre)) <= span;
  });
}

/**
 * Adds one annotation's region to a slice mask.
 * @returns 'drawn', 'inferred' (cortical sector), or null when the tool encloses no area
 */
export function addAnnotationRegion(mask: Uint8Array, g: SliceGeometry, annotation: Pick<Annotation, 'tool' | 'points' | 'measurements'>): 'drawn' | 'inferred' | null {
  if (isOpenContour(annotation)) return null;
  const pts = annotation.points.map((p) => worldToPixel(g, p));
  switch (annotation.tool) {
    case 'PlanarFreehandROI':
    case 'RectangleROI':
      fillPolygon(mask, g.rows, g.columns, pts);
      return 'drawn';
    case 'EllipticalROI': {
      if (pts.length < 4) return null;
      const [p0, p1, p2, p3] = pts as unknown as [PixelPoint, PixelPoint, PixelPoint, PixelPoint];
      const centre: PixelPoint = [(p0[0] + p1[0] + p2[0] + p3[0]) / 4, (p0[1] + p1[1] + p2[1] + p3[1]) / 4];
      fillEllipse(mask, g.rows, g.columns, centre, [(p1[0] - p0[0]) / 2, (p1[1] - p0[1]) / 2], [(p3[0] - p2[0]) / 2, (p3[1] - p2[1]) / 2]);
      return 'drawn';
    }
    case 'CircleROI': {
      if (pts.length < 2) return null;
      const [centre, rim] = [toMm(g, pts[0]!), toMm(g, pts[1]!)];
      const radius = Math.hypot(rim[0] - centre[0], rim[1] - centre[1]);
      const [cc, cr] = [centre[0] / g.spacing[1], centre[1] / g.spacing[0]];
      fillWhere(mask, g.rows, g.columns, [cc - radius / g.spacing[1], cr - radius / g.spacing[0], cc + radius / g.spacing[1], cr + radius / g.spacing[0]], (c, r) =>
        Math.hypot(c * g.spacing[1] - centre[0], r * g.spacing[0] - centre[1]) <= radius,
      );
      return 'drawn';
    }
    case 'CorticalInvolvement':
      if (pts.length < 3) return null;
      fillSector(mask, g, pts);
      return 'inferred';
    default:
      return null;
  }
}

/** The masks of one lesion, image by image, and whether any part of them was inferred. */
export interface LesionMasks {
  /** By imageKey (the instance and frame). */
  masks: Map<string, Uint8Array>;
  inferred: boolean;
}

/**
 * Rasterises a lesion's annotations on the images they were drawn on (images missing from `slices`,
 * which is keyed by imageKey, are skipped).
 */
export function lesionMasks(annotations: readonly Annotation[], slices: ReadonlyMap<string, SliceGeometry>): LesionMasks {
  const masks = new Map<string, Uint8Array>();
  let inferred = false;
  for (const annotation of annotations) {
    // A drawing on a reformat plane has no source image to paint a frame of.
    const g = annotation.sopInstanceUid === null ? undefined : slices.get(imageKey(annotation.sopInstanceUid, annotation.frameNumber ?? 1));
    if (!g) continue;
    const key = sliceKey(g);
    const mask = masks.get(key) ?? new Uint8Array(g.rows * g.columns);
    const kind = addAnnotationRegion(mask, g, annotation);
    if (kind === null) continue;
    inferred ||= kind === 'inferred';
    masks.set(key, mask);
  }
  for (const [key, mask] of masks) if (!mask.includes(1)) masks.delete(key);
  return { masks, inferred };
}
