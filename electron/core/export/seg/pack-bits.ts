/**
 * Packs binary frames (one byte per pixel, non-zero = set) into 1-bit Pixel Data: frames follow one
 * another with no padding between them, the first pixel in the least significant bit of the first
 * byte (PS3.5 8.1.1), the whole padded to an even length.
 */
export function packBinaryFrames(frames: readonly Uint8Array[], pixelsPerFrame: number): Uint8Array {
  const bits = frames.length * pixelsPerFrame;
  const bytes = new Uint8Array(Math.ceil(Math.ceil(bits / 8) / 2) * 2);
  let bit = 0;
  for (const frame of frames) {
    for (let i = 0; i < pixelsPerFrame; i++, bit++) if (frame[i]) bytes[bit >> 3]! |= 1 << (bit & 7);
  }
  return bytes;
}
