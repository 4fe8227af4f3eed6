import type { DenaturalizedDataset } from 'dcmjs';

// Native pixel data may hold more than the pixel values in the bits Bits Stored leaves unused: the
// retired embedded overlays put text (often the patient's name) there. De-identified exports keep
// only the stored bits, so that an overlay removed from the header does not stay in the pixels.

/** How a native image stores its values (PS3.3 C.7.6.3.1). */
export interface StoredBits {
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  signed: boolean;
}

/** Whether some bits of each sample are not the value's (and may hold an embedded overlay). */
export function hasUnusedBits(layout: StoredBits): boolean {
  return (layout.bitsAllocated === 8 || layout.bitsAllocated === 16) && layout.bitsStored > 0 && layout.bitsStored < layout.bitsAllocated;
}

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

/**
 * Replaces, in place, each sample by its value (PS3.5 8.1.1): the Bits Stored bits ending at High
 * Bit, moved to the bottom, sign-extended when signed; what a reader of values (NIfTI) needs, where
 * keepStoredBits keeps the DICOM layout. Its own loops, not a callback per sample: a callback made
 * a 300-slice CT's pass 2 to 4 times slower.
 */
export function toStoredValues(samples: Uint8Array, layout: StoredBits): void {
  const { bitsAllocated, bitsStored, highBit, signed } = layout;
  const low = highBit - bitsStored + 1;
  if (!hasUnusedBits(layout) || low < 0) return;
  const mask = (1 << bitsStored) - 1;
  const shift = signed ? 32 - bitsStored : 0;
  if (bitsAllocated === 8) {
    for (let i = 0; i < samples.length; i++) samples[i] = ((((samples[i]! >>> low) & mask) << shift) >> shift) & 0xff;
    return;
  }
  const words = new DataView(samples.buffer, samples.byteOffset, samples.byteLength);
  const count = Math.floor(samples.byteLength / 2);
  for (let i = 0; i < count; i++) words.setUint16(2 * i, ((((words.getUint16(2 * i, true) >>> low) & mask) << shift) >> shift) & 0xffff, true);
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
