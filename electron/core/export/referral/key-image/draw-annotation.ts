import type { Annotation } from '@shared/annotation/annotation';
import { isOpenContour } from '@shared/annotation/open-contour';
import { fixedFigure, fixedLength } from '@shared/scoring/shown-figure';
import { CELL_HEIGHT, drawText, textWidth } from './bitmap-font';
import { projectToImage, type PlaneGeometry } from './frame-geometry';
import { drawLine, drawPolyline, type Rgb, type RgbImage } from './raster';

type Point = readonly [number, number];

/** Where an annotation was drawn, and how far its points lie from the image plane. */
export interface DrawnAnnotation {
  annotationId: string;
  /** Largest distance of a point from the image plane (mm): more than half a slice means "not on this image". */
  maxOffPlaneMm: number;
}

function ellipse(centre: Point, a: Point, b: Point, segments = 64): Point[] {
  return Array.from({ length: segments }, (_, k) => {
    const t = (2 * Math.PI * k) / segments;
    return [centre[0] + a[0] * Math.cos(t) + b[0] * Math.sin(t), centre[1] + a[1] * Math.cos(t) + b[1] * Math.sin(t)] as const;
  });
}

const mid = (p: Point, q: Point): Point => [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
const half = (p: Point, q: Point): Point => [(q[0] - p[0]) / 2, (q[1] - p[1]) / 2];

/** The outline of each tool, from the handles Cornerstone keeps (and our cortical-involvement arc). */
function outline(tool: Annotation['tool'], p: Point[]): { lines: Point[][]; closed: boolean } {
  const [a, b, c, d] = p;
  switch (tool) {
    case 'Length':
    case 'Angle':
    case 'CorticalInvolvement':
      return { lines: [p], closed: false };
    case 'Bidirectional':
      return { lines: a && b && c && d ? [[a, b], [c, d]] : [p], closed: false };
    case 'EllipticalROI':
      // Handles: the two ends of one axis, then of the other.
      return a && b && c && d ? { lines: [ellipse(mid(a, b), half(a, b), half(c, d))], closed: true } : { lines: [p], closed: true };
    case 'CircleROI': {
      if (!a || !b) return { lines: [p], closed: false };
      const r = Math.hypot(b[0] - a[0], b[1] - a[1]);
      return { lines: [ellipse(a, [r, 0], [0, r])], closed: true };
    }
    case 'RectangleROI':
      // Four handles: top-left, top-right, bottom-left, bottom-right; two: opposite corners.
      if (a && b && c && d) return { lines: [[a, b, d, c]], closed: true };
      return a && b ? { lines: [[a, [b[0], a[1]], b, [a[0], b[1]]]], closed: true } : { lines: [p], closed: true };
    case 'PlanarFreehandROI':
      return { lines: [p], closed: true };
    default:
      return { lines: [p], closed: false };
  }
}

/** Arrowhead at `tip`, pointing away from `from`. */
function arrowhead(image: RgbImage, tip: Point, from: Point, color: Rgb, thickness: number, size: number): void {
  const angle = Math.atan2(tip[1] - from[1], tip[0] - from[0]);
  for (const side of [-1, 1]) {
    const a = angle + Math.PI - side * (Math.PI / 7);
    drawLine(image, tip[0], tip[1], tip[0] + size * Math.cos(a), tip[1] + size * Math.sin(a), color, thickness);
  }
}

/** "34 MM" from the measurements the tool recorded, or the annotation's own text. */
export function annotationLabel(annotation: Annotation): string | null {
  if (annotation.text?.trim()) return annotation.text.trim().slice(0, 40);
  const first = Object.entries(annotation.measurements)[0];
  if (!first) return null;
  const [key, value] = first;
  const unit = /mm2$/i.test(key) ? 'mm2' : /mm$/i.test(key) ? 'mm' : /pct|percent/i.test(key) ? '%' : /hu$/i.test(key) ? 'HU' : key;
  // One decimal, more only near a limit of the scores: a 50.04% arc is not labelled "50%" beside "> 50%".
  const shown = unit === '%' ? fixedFigure('circumferentialInvolvementPct', value, 1) : unit === 'mm' ? fixedLength(value, 1) : value.toFixed(1);
  return `${Number(shown)}${unit === '%' ? '%' : ` ${unit}`}`;
}

/** A label already drawn on the image, so that the next one is not drawn over it. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: LabelBox, b: LabelBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Draws one annotation, projected from patient coordinates onto the image plane, with its label.
 * @param thickness - pen size, chosen by the caller from the image size
 * @param labels - labels drawn so far on this image; this one is moved down until it overlaps none, then added
 */
export function drawAnnotation(image: RgbImage, plane: PlaneGeometry, annotation: Annotation, color: Rgb, thickness: number, labels: LabelBox[] = []): DrawnAnnotation {
  const projected = annotation.points.map((pt) => projectToImage(pt, plane));
  const points = projected.map((q) => [q.column, q.row] as const);
  if (annotation.tool === 'Probe' || points.length === 1) {
    const [x, y] = points[0]!;
    const r = 4 * thickness;
    drawLine(image, x - r, y, x + r, y, color, thickness);
    drawLine(image, x, y - r, x, y + r, color, thickness);
  } else {
    const { lines, closed } = isOpenContour(annotation) ? { lines: [points], closed: false } : outline(annotation.tool, points);
    for (const line of lines) drawPolyline(image, line, color, thickness, closed);
    if (annotation.tool === 'ArrowAnnotate') arrowhead(image, points[0]!, points[1]!, color, thickness, 6 * thickness);
  }
  const label = annotationLabel(annotation);
  if (label) {
    const right = Math.max(...points.map((q) => q[0]));
    const left = Math.min(...points.map((q) => q[0]));
    const top = Math.min(...points.map((q) => q[1]));
    const width = textWidth(label, thickness);
    // Right of the drawing when it fits, else left of it, never off the image.
    const x = right + 4 * thickness + width < image.width ? right + 4 * thickness : Math.max(thickness, left - 4 * thickness - width);
    const box = { x: Math.round(x), y: Math.round(Math.max(thickness, top)), width, height: (CELL_HEIGHT + 1) * thickness };
    while (labels.some((b) => overlaps(b, box)) && box.y + box.height < image.height) box.y += box.height;
    labels.push(box);
    drawText(image, box.x, box.y, label, color, thickness, [0, 0, 0]);
  }
  return { annotationId: annotation.id, maxOffPlaneMm: Math.max(...projected.map((q) => q.offPlaneMm)) };
}
