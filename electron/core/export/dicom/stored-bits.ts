import type { DenaturalizedDataset } from 'dcmjs';
import { hasUnusedBits, type StoredBits } from '@shared/dicom/stored-values';

// Native pixel data may hold more than the pixel values in the bits Bits Stored leaves unused: the
// retired embedded overlays put text (often the patient's name) there. De-identified exports keep
// only the stored bits, so that an overlay removed from the header does not stay in the pixels.

/**
 * Clears, in place, every bit of each sample outside the stored value: zero above and below it for
 * unsigned values, the sign copied above it for signed ones (when the value sits at the bottom, as
 * every signed image stores it). Samples are one per bitsAllocated, little endian unless told.
 * @param littleEndian - false for Explicit VR Big Endian pixel data, kept in its byte order
 */
export function keepStoredBits(samples: Uint8Array, layout: StoredBits, littleEndian = true): void {
  if (!hasUnusedBits(layout)) return;
  const { bitsAllocated, bitsStored, highBit, signed } = layout;
  const low = highBit - bitsStored + 1;
  if (bitsAllocated === 8) {
    const mask = ((1 << bitsStored) - 1) << low;
    for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! & mask;
    return;
  }
  const words = new DataView(samples.buffer, samples.byteOffset, samples.byteLength);
  const count = Math.floor(samples.byteLength / 2);
  if (signed && low === 0) {
    const shift = 32 - bitsStored;
    for (let i = 0; i < count; i++) words.setInt16(2 * i, (words.getUint16(2 * i, littleEndian) << shift) >> shift, littleEndian);
    return;
  }
  const mask = ((1 << bitsStored) - 1) << low;
  for (let i = 0; i < count; i++) words.setUint16(2 * i, words.getUint16(2 * i, littleEndian) & mask, littleEndian);
}

/** The stored-bits layout of a tag-keyed dataset (defaults: 16 bits, all stored, unsigned). */
export function storedBitsOf(dict: DenaturalizedDataset): StoredBits {
  const value = (tag: string, fallback: number) => {
    const n = Number(dict[tag]?.Value?.[0]);
    return Number.isFinite(n) ? n : fallback;
  };
  const bitsAllocated = value('00280100', 16);
  const bitsStored = value('00280101', bitsAllocated);
  return { bitsAllocated, bitsStored, highBit: value('00280102', bitsStored - 1), signed: value('00280103', 0) === 1 };
}
