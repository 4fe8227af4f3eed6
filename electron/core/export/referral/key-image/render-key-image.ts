import type { Annotation } from '@shared/annotation/annotation';
import { drawText, CELL_HEIGHT } from './bitmap-font';
import { readDicomFrame, type FrameRead } from './dicom-frame';
import { drawAnnotation, type LabelBox } from './draw-annotation';
import type { PlaneGeometry } from './frame-geometry';
import { drawOrientationMarkers } from './orientation-markers';
import { encodeRgbPng } from './png-encoder';
import { rgbFromGray, type Rgb, type RgbImage } from './raster';
import { applyWindow, chooseWindow, type VoiWindow } from './window-level';

/** A rendered key image, or why there is none (said in the referral, never hidden). */
export type KeyImageRender =
  | { ok: true; png: Buffer; width: number; height: number; window: VoiWindow | null; notes: string[] }
  | Extract<FrameRead, { ok: false }>;

/** Options of renderKeyImage. */
export interface KeyImageOptions {
  /** Window to draw with; default: bone window for CT (see chooseWindow). */
  window?: VoiWindow;
  /** Lines burned into the top-left corner (patient identifiers for a clinical packet), or none. */
  burnIn?: readonly string[];
  /** Name annotations by id in the notes (clinical use); otherwise by their order on the image, as the clinical SR carries the ids. */
  annotationIds?: boolean;
  /** Label the edges with the patient directions (R/L, A/P, H/F) from the image orientation; on by default. */
  orientationMarkers?: boolean;
  /** Refuse an image that says Burned In Annotation is YES (a packet without patient identifiers). */
  withholdBurnedIn?: boolean;
}

const ANNOTATION_COLOR: Rgb = [255, 200, 0];
const TEXT_COLOR: Rgb = [255, 255, 255];
/** Images smaller than this are enlarged (nearest neighbour) so that lines and text stay legible. */
const MIN_SIDE = 384;

function upscale(image: RgbImage, factor: number): RgbImage {
  if (factor === 1) return image;
  const width = image.width * factor;
  const data = new Uint8Array(width * image.height * factor * 3);
  for (let y = 0; y < image.height * factor; y++) {
    for (let x = 0; x < width; x++) {
      const s = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 3;
      data.set(image.data.subarray(s, s + 3), (y * width + x) * 3);
    }
  }
  return { width, height: image.height * factor, data };
}

/** The plane of an enlarged image: its first pixel's centre moves to the corner of the original one. */
function scalePlane(plane: PlaneGeometry, factor: number): PlaneGeometry {
  const shift = -0.5 + 0.5 / factor;
  const [rowSpacing, columnSpacing] = plane.spacing;
  return {
    ...plane,
    position: [0, 1, 2].map((i) => plane.position[i]! + shift * (plane.rowDirection[i]! * columnSpacing + plane.columnDirection[i]! * rowSpacing)) as PlaneGeometry['position'],
    spacing: [rowSpacing / factor, columnSpacing / factor],
  };
}

/**
 * Renders one key image: the frame's pixels (rescaled, windowed), the lesion's annotations drawn
 * where they lie in patient space, the patient directions at its edges, and optional burned-in
 * identifiers, as a PNG.
 * @param annotations - the annotations drawn on this image (same SOP instance and frame)
 */
export function renderKeyImage(filePath: string, frameNumber: number, annotations: readonly Annotation[], options: KeyImageOptions = {}): KeyImageRender {
  const read = readDicomFrame(filePath, frameNumber);
  if (!read.ok) return read;
  const { frame } = read;
  if (options.withholdBurnedIn && frame.burnedInAnnotation) {
    return { ok: false, reason: 'the image says Burned In Annotation = YES: its pixels may show the patient, so a packet without identifiers does not show it' };
  }
  const window = frame.values ? chooseWindow(frame, options.window) : null;
  const base: RgbImage = frame.values
    ? rgbFromGray(frame.columns, frame.rows, applyWindow(frame.values, window!, frame.photometric === 'MONOCHROME1'))
    : { width: frame.columns, height: frame.rows, data: frame.rgb! };
  const factor = Math.max(1, Math.ceil(MIN_SIDE / Math.min(frame.rows, frame.columns)));
  const image = upscale(base, factor);
  const pen = Math.max(1, Math.round(Math.min(image.width, image.height) / 256));
  const notes: string[] = [];
  if (!frame.geometry) {
    notes.push('The image has no position, orientation or pixel spacing: the annotations could not be placed on it.');
  } else {
    const plane = scalePlane(frame.geometry, factor);
    const tolerance = Math.max(1, (frame.geometry.sliceThickness ?? 1) / 2);
    const labels: LabelBox[] = [];
    for (const [i, annotation] of annotations.entries()) {
      const drawn = drawAnnotation(image, plane, annotation, ANNOTATION_COLOR, pen, labels);
      if (drawn.maxOffPlaneMm > tolerance) {
        const name = options.annotationIds ? annotation.id : `${i + 1} of ${annotations.length}`;
        notes.push(`Annotation ${name} (${annotation.tool}) lies up to ${drawn.maxOffPlaneMm.toFixed(1)} mm off this image plane: it is drawn projected onto it.`);
      }
    }
  }
  const burnIn = options.burnIn ?? [];
  burnIn.forEach((line, i) => drawText(image, 2 * pen + pen, 2 * pen + pen + i * (CELL_HEIGHT + 2) * pen, line, TEXT_COLOR, pen, [0, 0, 0]));
  // A radiograph without Image Orientation has no patient directions to mark.
  if (frame.geometry && !frame.geometry.unoriented && options.orientationMarkers !== false) {
    // Twice the identifiers' size: the side of the patient is what must not be misread.
    drawOrientationMarkers(image, frame.geometry.rowDirection, frame.geometry.columnDirection, 2 * pen, burnIn.length * (CELL_HEIGHT + 2) * pen + pen);
  }
  if (factor > 1) notes.push(`Enlarged ${factor}x from ${frame.columns} x ${frame.rows} pixels for legibility.`);
  return { ok: true, png: encodeRgbPng(image.width, image.height, image.data), width: image.width, height: image.height, window, notes };
}
