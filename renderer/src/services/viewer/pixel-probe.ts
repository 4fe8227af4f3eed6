import type { Types } from '@cornerstonejs/core';
import type { PixelReading } from './viewport-state';

type Core = typeof import('@cornerstonejs/core');
type AnyViewport = Types.IStackViewport | Types.IVolumeViewport;

/** The image data of a stack viewport, or of a volume viewport's one volume. */
function imageDataOf(viewport: AnyViewport): Types.IImageData | undefined {
  return (viewport as { getImageData(): Types.IImageData | undefined }).getImageData();
}

/**
 * Whether a stack viewport's image states a rescale: an identity one (slope 1, intercept 0, as
 * CTs of signed samples write) leaves the loader nothing to scale, yet its values are HU.
 */
function hasRescale(cs: Core, viewport: AnyViewport): boolean {
  const imageId = 'getCurrentImageId' in viewport ? viewport.getCurrentImageId() : undefined;
  const lut = imageId ? (cs.metaData.get('modalityLutModule', imageId) as { rescaleSlope?: number; rescaleIntercept?: number } | undefined) : undefined;
  return typeof lut?.rescaleSlope === 'number' && typeof lut.rescaleIntercept === 'number';
}

/**
 * Reads the pixel under a canvas point: its index (pixel centres at whole numbers) and its value
 * after the modality LUT (HU for CT), as the reader's overlay shows it.
 * @param cs - the core module
 * @param viewport - a stack or orthographic viewport
 * @param canvasPoint - CSS pixels from the canvas's top-left corner
 */
export function readPixel(cs: Core, viewport: AnyViewport, canvasPoint: Types.Point2): PixelReading | null {
  const data = imageDataOf(viewport);
  if (!data?.imageData || !data.voxelManager) return null;
  const world = viewport.canvasToWorld(canvasPoint);
  const [i, j, k] = cs.utilities.transformWorldToIndex(data.imageData, world) as [number, number, number];
  const [width, height, depth] = data.dimensions;
  if (i < 0 || j < 0 || k < 0 || i >= width || j >= height || k >= (depth || 1)) return null;
  const raw = data.voxelManager.getAtIJK(i, j, k) as number | number[];
  // A volume has depth: its voxel index along the third axis is part of the reading.
  const where = { column: i, row: j, ...(depth > 1 ? { slice: k } : {}) };
  if (Array.isArray(raw) || ArrayBuffer.isView(raw)) {
    const rgb = Array.from(raw as ArrayLike<number>).slice(0, 3) as [number, number, number];
    return { ...where, value: rgb, unit: '' };
  }
  // Volumes are built from pre-scaled images; a stack image gets the modality LUT only when the loader did not apply it.
  const scaling = data.preScale?.scalingParameters;
  const scaled = depth > 1 || Boolean(data.preScale?.scaled);
  const value = scaled || !scaling ? raw : raw * (scaling.rescaleSlope ?? 1) + (scaling.rescaleIntercept ?? 0);
  const unit = data.metadata.Modality === 'CT' && (scaled || scaling || hasRescale(cs, viewport)) ? 'HU' : '';
  return { ...where, value: Math.round(value * 100) / 100, unit };
}

/**
 * Where a pixel centre of the displayed image lies on the page (client CSS pixels), for tests and
 * automation that must point the mouse at a known pixel.
 * @param viewport - a stack viewport showing an image
 * @param column - 0-based column of the pixel
 * @param row - 0-based row of the pixel
 */
export function clientPointOfPixel(viewport: AnyViewport, column: number, row: number): { x: number; y: number } | null {
  const data = imageDataOf(viewport);
  if (!data?.imageData) return null;
  const world = data.imageData.indexToWorld([column, row, 0]) as Types.Point3;
  const [x, y] = viewport.worldToCanvas(world);
  const rect = viewport.canvas.getBoundingClientRect();
  return { x: rect.left + x, y: rect.top + y };
}
