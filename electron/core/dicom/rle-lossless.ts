/** RLE Lossless transfer syntax (PS3.5 Annex G). */
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/**
 * Decodes one RLE Lossless frame (PS3.5 G.3.2: a 64-byte header of segment offsets, then one
 * PackBits segment per byte plane, most significant byte first) into native little-endian bytes:
 * sample i of a 16-bit image comes out as bytes [2i, 2i + 1] = [low, high].
 * @param frame - the frame's bytes (its fragments, concatenated)
 * @param pixels - rows x columns
 * @param bytesPerSample - 1 or 2 (single-sample, greyscale images)
 * @returns the decoded bytes, or a reason the frame cannot be decoded
 */
export function decodeRleFrame(frame: Uint8Array, pixels: number, bytesPerSample: number): Uint8Array | string {
  if (frame.length < 64) return 'the RLE frame is shorter than its header';
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== bytesPerSample) return `the RLE frame has ${segments} segments where ${bytesPerSample} were expected`;
  const out = new Uint8Array(pixels * bytesPerSample);
  for (let s = 0; s < segments; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < segments ? view.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || end > frame.length || end < start) return 'the RLE segment offsets point outside the frame';
    // Segment 0 holds the most significant bytes; little-endian output puts them last.
    const lane = bytesPerSample - 1 - s;
    let written = 0;
    let p = start;
    while (p < end && written < pixels) {
      const n = (frame[p++]! << 24) >> 24;
      if (n >= 0) {
        for (let k = 0; k <= n && p < end && written < pixels; k++) out[bytesPerSample * written++ + lane] = frame[p++]!;
      } else if (n !== -128) {
        const value = frame[p++]!;
        for (let k = 0; k < 1 - n && written < pixels; k++) out[bytesPerSample * written++ + lane] = value;
      }
    }
    if (written < pixels) return `an RLE segment decodes to ${written} of ${pixels} samples`;
  }
  return out;
}
