import { CELL_HEIGHT, drawText, textWidth } from './bitmap-font';
import type { Rgb, RgbImage } from './raster';

/** The patient directions of DICOM's LPS axes, positive then negative (PS3.3 C.7.6.2.1.1). */
const AXES = [
  ['L', 'R'],
  ['P', 'A'],
  ['H', 'F'],
] as const;

/** A component smaller than this (cos 75 degrees) does not name the direction: an almost-axial row is "L", not "LPH". */
const MIN_COMPONENT = 0.25;

/**
 * The patient direction a unit vector points to, as radiology labels an image edge: L/R, P/A, H/F,
 * the strongest component first, up to three letters for an oblique direction ("LP").
 */
export function orientationLabel(direction: readonly number[]): string {
  return [0, 1, 2]
    .filter((axis) => Math.abs(direction[axis]!) >= MIN_COMPONENT)
    .sort((a, b) => Math.abs(direction[b]!) - Math.abs(direction[a]!))
    .map((axis) => AXES[axis]![direction[axis]! > 0 ? 0 : 1])
    .join('');
}

/** The labels of an image's four edges, from its orientation: a row runs left to right, a column top to bottom. */
export function edgeLabels(rowDirection: readonly number[], columnDirection: readonly number[]): { left: string; right: string; top: string; bottom: string } {
  const minus = (v: readonly number[]) => v.map((c) => -c);
  return { left: orientationLabel(minus(rowDirection)), right: orientationLabel(rowDirection), top: orientationLabel(minus(columnDirection)), bottom: orientationLabel(columnDirection) };
}

const MARKER_COLOR: Rgb = [255, 255, 255];
const MARKER_BACKGROUND: Rgb = [0, 0, 0];

/**
 * Burns the edge labels in at the middle of each edge, white on black, so that a surgeon reading the
 * printed image knows the patient's right from left.
 * @param scale - pixels per font pixel
 * @param topClearance - pixels kept free at the top (burned-in identifiers), below which the top label goes
 */
export function drawOrientationMarkers(image: RgbImage, rowDirection: readonly number[], columnDirection: readonly number[], scale: number, topClearance = 0): void {
  const labels = edgeLabels(rowDirection, columnDirection);
  const margin = 2 * scale;
  const height = CELL_HEIGHT * scale;
  const middleY = Math.round(image.height / 2 - height / 2);
  const centreX = (text: string) => Math.round(image.width / 2 - textWidth(text, scale) / 2);
  if (labels.left) drawText(image, margin, middleY, labels.left, MARKER_COLOR, scale, MARKER_BACKGROUND);
  if (labels.right) drawText(image, image.width - margin - textWidth(labels.right, scale), middleY, labels.right, MARKER_COLOR, scale, MARKER_BACKGROUND);
  if (labels.top) drawText(image, centreX(labels.top), margin + topClearance, labels.top, MARKER_COLOR, scale, MARKER_BACKGROUND);
  if (labels.bottom) drawText(image, centreX(labels.bottom), image.height - margin - height, labels.bottom, MARKER_COLOR, scale, MARKER_BACKGROUND);
}
