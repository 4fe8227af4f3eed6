import type { Types } from '@cornerstonejs/core';

type Core = typeof import('@cornerstonejs/core');

/** The decoded pixel values of one instance, as the viewer holds them. */
export interface StoredRange {
  /** Smallest and largest stored value (before the modality LUT) over every frame. */
  min: number;
  max: number;
  /** Sum of every stored sample over every frame: a cheap fingerprint to compare with another decoder. */
  sum: number;
  frames: number;
  color: boolean;
  /** Whether the loader had applied the rescale (the range undoes it). */
  preScaled: boolean;
  photometricInterpretation: string | null;
}

interface ScalingParameters {
  rescaleSlope?: number;
  rescaleIntercept?: number;
  modality?: string;
  suvbw?: number;
  doseGridScaling?: number;
}

/** The inverse of the loader's pre-scaling (dicom-image-loader shared/scaling/scaleArray). */
function unscaler(parameters: ScalingParameters | undefined): (value: number) => number {
  const { rescaleSlope: m = 1, rescaleIntercept: b = 0, modality, suvbw, doseGridScaling } = parameters ?? {};
  if (modality === 'PT' && typeof suvbw === 'number' && !Number.isNaN(suvbw)) return (v) => (v / suvbw - b) / m;
  if (modality === 'RTDOSE' && typeof doseGridScaling === 'number' && !Number.isNaN(doseGridScaling)) return (v) => v / doseGridScaling;
  return (v) => (v - b) / m;
}

/**
 * Stored values back from a decoded image: the dicom-image-loader may have pre-scaled the pixel
 * data (rescale, dose grid scaling, SUV), so that is undone and rounded here. Only the image's
 * own rows x columns x samples are read; colour images give the range over R, G and B (an alpha
 * channel is skipped).
 * @param image - a decoded Cornerstone image
 */
export function storedStatistics(image: Types.IImage): { min: number; max: number; sum: number; preScaled: boolean } {
  const data = image.voxelManager?.getScalarData() ?? image.getPixelData();
  const pixels = image.rows * image.columns;
  const channels = image.color ? (data.length >= pixels * 4 ? 4 : 3) : 1;
  const preScaled = Boolean(image.preScale?.scaled);
  const toStored = preScaled ? unscaler(image.preScale?.scalingParameters as ScalingParameters) : (v: number) => v;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  const end = Math.min(data.length, pixels * channels);
  for (let i = 0; i < end; i++) {
    if (channels === 4 && i % 4 === 3) continue;
    const v = preScaled ? Math.round(toStored(data[i]!)) : data[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, sum, preScaled };
}

/**
 * Decodes every frame of an instance through Cornerstone's cache (the viewport's own images) and
 * returns the stored-value statistics over all of them.
 * @param cs - the core module
 * @param imageIds - the image ids of the instance's frames
 */
export async function instanceStoredRange(cs: Core, imageIds: readonly string[]): Promise<StoredRange> {
  const result: StoredRange = { min: Infinity, max: -Infinity, sum: 0, frames: imageIds.length, color: false, preScaled: false, photometricInterpretation: null };
  for (const imageId of imageIds) {
    const image = await cs.imageLoader.loadAndCacheImage(imageId);
    const stats = storedStatistics(image);
    result.min = Math.min(result.min, stats.min);
    result.max = Math.max(result.max, stats.max);
    result.sum += stats.sum;
    result.preScaled ||= stats.preScaled;
    result.color ||= Boolean(image.color);
  }
  const pixelModule = cs.metaData.get('imagePixelModule', imageIds[0]!) as { photometricInterpretation?: string } | undefined;
  result.photometricInterpretation = pixelModule?.photometricInterpretation ?? null;
  return result;
}
