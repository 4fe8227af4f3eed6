import { CELL_HEIGHT, drawText, textWidth } from './bitmap-font';
import type { Rgb, RgbImage } from './raster';
import { edgeMarkers } from '@shared/geometry/patient-direction';

const MARKER_COLOR: Rgb = [255, 255, 255];
const MARKER_BACKGROUND: Rgb = [0, 0, 0];

/**
 * Burns the edge labels in at the middle of each edge, white on black, so that a surgeon reading the
 * printed image knows the patient's right from left.
 * @param scale - pixels per font pixel
 * @param topClearance - pixels kept free at the top (burned-in identifiers), below which the top label goes
 */
export function drawOrientationMarkers(image: RgbImage, rowDirection: readonly number[], columnDirection: readonly number[], scale: number, topClearance = 0): void {
  // The viewer's markers, letter for letter: the surgeon reads what the radiologist saw.
  const labels = edgeMarkers(rowDirection, columnDirection, { kind: 'patient' });
  if (!labels) return;
  const margin = 2 * scale;
  const height = CELL_HEIGHT * scale;
  const middleY = Math.round(image.height / 2 - height / 2);
  const centreX = (text: string) => Math.round(image.width / 2 - textWidth(text, scale) / 2);
  if (labels.left) drawText(image, margin, middleY, labels.left, MARKER_COLOR, scale, MARKER_BACKGROUND);
  if (labels.right) drawText(image, image.width - margin - textWidth(labels.right, scale), middleY, labels.right, MARKER_COLOR, scale, MARKER_BACKGROUND);
  if (labels.top) drawText(image, centreX(labels.top), margin + topClearance, labels.top, MARKER_COLOR, scale, MARKER_BACKGROUND);
  if (labels.bottom) drawText(image, centreX(labels.bottom), image.height - margin - height, labels.bottom, MARKER_COLOR, scale, MARKER_BACKGROUND);
}
