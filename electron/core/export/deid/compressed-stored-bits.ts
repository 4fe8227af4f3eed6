import type { DenaturalizedDataset } from 'dcmjs';
import { hasUnusedBits } from '@shared/dicom/stored-values';
import { decodeCompressedFrame } from '../../dicom/compressed-frame';
import { j2kFrameHeader, jpegFrameHeader } from '../../dicom/jpeg-frame-header';
import { keepStoredBits, storedBitsOf } from '../dicom/stored-bits';

// A retired embedded overlay lives in the bits of each sample outside Bits Stored. Native pixel data
// lose them on export (keepStoredBits); a compressed stream holds them in its samples when it was
// made with more bits than the image says it stores. Such an image leaves uncompressed, without them.

/** The sample precision a JPEG, JPEG-LS, JPEG 2000 or HTJ2K stream declares (its first component's), or null. */
const streamPrecision = (frame: Uint8Array): number | null => (jpegFrameHeader(frame) ?? j2kFrameHeader(frame))?.precision ?? null;

/** Native frames with the bits outside Bits Stored cleared, when the compressed ones held some; or why they cannot be checked. */
export type StoredBitsCheck = { native: ArrayBuffer | null } | { reason: string };

/**
 * Whether a compressed image's samples hold bits outside Bits Stored: not when each stream's
 * precision fits in Bits Stored (values at the bottom); else its frames are decoded and, where any
 * such bit is set, returned native (little endian) with them cleared.
 */
export function compressedFramesWithoutUnusedBits(syntax: string, frames: readonly Uint8Array[], dict: DenaturalizedDataset): StoredBitsCheck {
  const layout = storedBitsOf(dict);
  if (!hasUnusedBits(layout)) return { native: null };
  const atBottom = layout.highBit === layout.bitsStored - 1;
  if (atBottom && frames.every((f) => (streamPrecision(f) ?? Infinity) <= layout.bitsStored)) return { native: null };
  const samplesPerPixel = Number(dict['00280002']?.Value?.[0] ?? 1);
  if (samplesPerPixel !== 1) return { reason: `its ${samplesPerPixel} samples a pixel cannot be checked for an overlay outside Bits Stored` };
  const pixels = Number(dict['00280010']?.Value?.[0] ?? 0) * Number(dict['00280011']?.Value?.[0] ?? 0);
  let overlaid = false;
  const cleared: Uint8Array[] = [];
  for (const frame of frames) {
    const decoded = decodeCompressedFrame(syntax, frame, pixels, layout.bitsAllocated / 8);
    if (typeof decoded === 'string') return { reason: `its samples cannot be checked for an overlay outside Bits Stored: ${decoded}` };
    const copy = Uint8Array.from(decoded);
    keepStoredBits(copy, layout);
    overlaid ||= !Buffer.from(copy).equals(Buffer.from(decoded));
    cleared.push(copy);
  }
  return { native: overlaid ? new Uint8Array(Buffer.concat(cleared)).buffer : null };
}
