// An RLE Lossless frame (PS3.5 Annex G) is a 64-byte header of segment offsets and PackBits
// segments. Bytes no decoder reads can hold anything: unused header slots, gaps between segments,
// and whatever follows the bytes a segment needs to fill its plane. The frame is rebuilt from the
// bytes decoding reads, so the samples are the same and nothing else is.

/** How many bytes of a PackBits segment from `start` produce `samples` bytes, or null when it falls short before `end`. */
function packBitsLength(frame: Uint8Array, start: number, end: number, samples: number): number | null {
  let written = 0;
  let p = start;
  while (written < samples && p < end) {
    const n = (frame[p++]! << 24) >> 24;
    if (n >= 0) {
      p += n + 1;
      written += n + 1;
    } else if (n !== -128) {
      p++;
      written += 1 - n;
    }
  }
  return written >= samples && p <= end ? p - start : null;
}

/**
 * The RLE frame rebuilt from what decoding reads: its header with only the offsets of its segments,
 * each segment up to the byte that completes its plane (padded to even length); or why not.
 * @param samplesPerPlane - rows x columns
 */
export function rleWithoutText(frame: Uint8Array, samplesPerPlane: number): Uint8Array | string {
  if (frame.length < 64) return 'the RLE frame is shorter than its header';
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const count = view.getUint32(0, true);
  if (count < 1 || count > 15) return `the RLE frame says it has ${count} segments`;
  const segments: Uint8Array[] = [];
  for (let s = 0; s < count; s++) {
    const start = view.getUint32(4 + 4 * s, true);
    const end = s + 1 < count ? view.getUint32(8 + 4 * s, true) : frame.length;
    if (start < 64 || end > frame.length || end < start) return 'the RLE segment offsets point outside the frame';
    const length = packBitsLength(frame, start, end, samplesPerPlane);
    if (length === null) return `RLE segment ${s + 1} decodes to fewer than the ${samplesPerPlane} samples of its plane`;
    const padded = new Uint8Array(length + (length % 2));
    padded.set(frame.subarray(start, start + length));
    segments.push(padded);
  }
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, count, true);
  let offset = 64;
  segments.forEach((segment, s) => {
    header.setUint32(4 + 4 * s, offset, true);
    offset += segment.length;
  });
  return Buffer.concat([new Uint8Array(header.buffer), ...segments]);
}
