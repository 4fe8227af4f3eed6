import type { DataSet } from 'dicom-parser';
import dicomParser from './dicom-parser';

/**
 * The compressed bytes of one frame of encapsulated Pixel Data (still to be decoded), or why they
 * cannot be found. A frame is its fragments up to the next frame's: all of them in a single-frame
 * image, one each when there are as many as frames, else as the Basic Offset Table says.
 * @param frameNumber - 1-based, of `frames`
 */
export function encapsulatedFrame(ds: DataSet, frameNumber: number, frames: number): Uint8Array | string {
  const element = ds.elements.x7fe00010;
  if (!element) return 'the instance holds no pixel data';
  const fragments = element.fragments ?? [];
  try {
    if (frames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, 0, fragments.length) as Uint8Array;
    if ((element.basicOffsetTable ?? []).length === 0 && fragments.length === frames) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, frameNumber - 1, 1) as Uint8Array;
    return dicomParser.readEncapsulatedImageFrame(ds, element, frameNumber - 1) as Uint8Array;
  } catch (error) {
    return `frame ${frameNumber} cannot be found in the compressed pixel data (${error instanceof Error ? error.message : String(error)})`;
  }
}
