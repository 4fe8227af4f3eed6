import type { DataSet } from 'dicom-parser';
import { decimalStrings } from './spacing-attributes';
import { functionalGroupItem } from './functional-groups';

/** Rescale Slope and Intercept: stored value x slope + intercept is the modality value (HU for CT). */
export interface Rescale {
  slope: number;
  intercept: number;
}

/** One frame of an enhanced multi-frame object, placed and rescaled as its functional groups say. */
export interface EnhancedFrame {
  /** 1-based, as the file stores it. */
  frameNumber: number;
  imagePositionPatient: [number, number, number] | null;
  imageOrientationPatient: [number, number, number, number, number, number] | null;
  pixelSpacing: [number, number] | null;
  sliceThickness: number | null;
  rescale: Rescale | null;
  /** Stack ID (0020,9056) of the frame's Frame Content: frames of different stacks are different volumes. */
  stackId: string | null;
}

/** A DS attribute of a functional group macro's item, else of the top level of the data set. */
function grouped(dataSet: DataSet, frameNumber: number, sequence: string, tag: string, count: number): number[] | null {
  const item = functionalGroupItem(dataSet, frameNumber, sequence);
  return (item ? decimalStrings(item, tag, count) : null) ?? decimalStrings(dataSet, tag, count);
}

/**
 * The rescale of one frame: its Pixel Value Transformation (0028,9145), per-frame else shared, else
 * the top-level Rescale Slope and Intercept; null when neither is there.
 * @param frameNumber - 1-based
 */
export function frameRescale(dataSet: DataSet, frameNumber: number): Rescale | null {
  const [slope] = grouped(dataSet, frameNumber, 'x00289145', 'x00281053', 1) ?? [];
  const [intercept] = grouped(dataSet, frameNumber, 'x00289145', 'x00281052', 1) ?? [];
  return slope !== undefined && intercept !== undefined ? { slope, intercept } : null;
}

/**
 * Every frame of a multi-frame object with its Plane Position (0020,9113), Plane Orientation
 * (0020,9116), Pixel Measures (0028,9110), Pixel Value Transformation (0028,9145) and Frame Content
 * (0020,9111), each from the frame's own functional groups, else the shared ones, else the top level
 * (PS3.3 C.7.6.16).
 */
export function enhancedFrames(dataSet: DataSet, frames: number): EnhancedFrame[] {
  return Array.from({ length: frames }, (_, n) => {
    const frameNumber = n + 1;
    const stackId = functionalGroupItem(dataSet, frameNumber, 'x00209111')?.string('x00209056')?.trim() || null;
    return {
      frameNumber,
      imagePositionPatient: grouped(dataSet, frameNumber, 'x00209113', 'x00200032', 3) as EnhancedFrame['imagePositionPatient'],
      imageOrientationPatient: grouped(dataSet, frameNumber, 'x00209116', 'x00200037', 6) as EnhancedFrame['imageOrientationPatient'],
      pixelSpacing: grouped(dataSet, frameNumber, 'x00289110', 'x00280030', 2) as EnhancedFrame['pixelSpacing'],
      sliceThickness: grouped(dataSet, frameNumber, 'x00289110', 'x00180050', 1)?.[0] ?? null,
      rescale: frameRescale(dataSet, frameNumber),
      stackId,
    };
  });
}
