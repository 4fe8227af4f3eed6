import type { DenaturalizedDataset } from 'dcmjs';
import { hasUnusedBits } from '@shared/dicom/stored-values';
import { decodeCompressedFrame } from '../../dicom/compressed-frame';
import { keepStoredBits, storedBitsOf } from '../dicom/stored-bits';

// A retired embedded overlay lives in the bits of each sample outside Bits Stored. Native pixel data
// lose them on export (keepStoredBits); a compressed stream holds them in its samples when it was
// made with more bits than the image says it stores. Such an image leaves uncompressed, without them.

/** SOFn markers of JPEG (but DHT, JPG and DAC) and JPEG-LS SOF55: their first byte is the sample precision. */
const isStartOfFrame = (m: number) => (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;

/** The sample precision a JPEG, JPEG-LS, JPEG 2000 or HTJ2K stream declares (its first component's), or null. */
function streamPrecision(frame: Uint8Array): number | null {
  if (frame[0] === 0xff && frame[1] === 0x4f && frame[2] === 0xff && frame[3] === 0x51) return frame.length > 42 ? (frame[42]! & 0x7f) + 1 : null;
  if (frame[0] !== 0xff || frame[1] !== 0xd8) return null;
  for (let p = 2; p + 4 < frame.length && frame[p] === 0xff;) {
    const marker = frame[p + 1]!;
    if (marker === 0xda) return null; // scan data before any frame header
    if (isStartOfFrame(marker)) return frame[p + 4] ?? null;
    p += 2 + ((frame[p + 2]! << 8) | frame[p + 3]!);
  }
  return null;
}

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
