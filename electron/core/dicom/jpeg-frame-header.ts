// The frame header of a JPEG-family codestream, read before any decoder runs: its sample precision
// (whether samples can hold bits above Bits Stored) and its size (what a decoder will allocate).
// JPEG (ISO 10918) and JPEG-LS (ISO 14495) share one marker syntax; JPEG 2000 and HTJ2K (ISO 15444)
// start with SOC and the SIZ segment.

/** What a frame header declares: the first component's sample precision in bits (null when cut off before it), and the size. */
export interface FrameHeader {
  precision: number | null;
  width: number;
  height: number;
}

const SOI = 0xd8;
const SOS = 0xda;
const JPEG_LS_SOF = 0xf7;

/** A JPEG start-of-frame marker (SOF0-SOF15, JPEG-LS SOF55), not DHT (C4), JPG (C8) or DAC (CC). */
const isStartOfFrame = (marker: number) => (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === JPEG_LS_SOF;

/** Markers without a length: SOI, EOI, RSTn and TEM. */
const isStandaloneMarker = (marker: number) => marker === SOI || marker === 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;

/** One marker segment of a JPEG stream: its marker, where its FF is, and where its payload runs. */
export interface JpegSegment {
  marker: number;
  at: number;
  payloadStart: number;
  payloadEnd: number;
}

/**
 * The marker segments of a JPEG or JPEG-LS stream from `from` (after SOI, or after a scan's
 * entropy-coded data) up to and including the next SOS, skipping fill bytes (FF) before a marker.
 * Returns why it stopped short where no marker is or a segment runs past the stream, else null.
 * @param origin - where the stream starts (its SOI), for the byte offsets of messages
 */
export function* jpegSegments(bytes: Uint8Array, from: number, origin = from - 2): Generator<JpegSegment, string | null> {
  let p = from;
  while (p + 1 < bytes.length) {
    if (bytes[p] !== 0xff) return `a JPEG marker was expected at byte ${p - origin}`;
    // Any number of fill bytes (FF) may precede a marker; the last FF is the marker's own.
    while (bytes[p + 1] === 0xff) p++;
    if (p + 1 >= bytes.length) return null; // only fill bytes left: a stream cut short
    const marker = bytes[p + 1]!;
    if (isStandaloneMarker(marker)) {
      yield { marker, at: p, payloadStart: p + 2, payloadEnd: p + 2 };
      p += 2;
      continue;
    }
    const length = ((bytes[p + 2] ?? 0) << 8) | (bytes[p + 3] ?? 0);
    if (length < 2 || p + 2 + length > bytes.length) return `a JPEG segment at byte ${p - origin} runs past the end of the stream`;
    yield { marker, at: p, payloadStart: p + 4, payloadEnd: p + 2 + length };
    if (marker === SOS) return null;
    p += 2 + length;
  }
  return null;
}

/** The header in a JPEG (any process) or JPEG-LS stream's start-of-frame segment, or null when none comes before its scan. */
export function jpegFrameHeader(frame: Uint8Array): FrameHeader | null {
  if (frame[0] !== 0xff || frame[1] !== SOI) return null;
  for (const { marker, payloadStart: s, payloadEnd } of jpegSegments(frame, 2)) {
    if (marker === SOS || marker === 0xd9) return null;
    if (!isStartOfFrame(marker)) continue;
    if (payloadEnd - s < 5) return null;
    return { precision: frame[s]!, height: (frame[s + 1]! << 8) | frame[s + 2]!, width: (frame[s + 3]! << 8) | frame[s + 4]! };
  }
  return null;
}

/** The header in a JPEG 2000 / HTJ2K codestream's SIZ segment (right after SOC), its precision the first component's; or null. */
export function j2kFrameHeader(frame: Uint8Array): FrameHeader | null {
  // A JP2 file wraps the codestream in boxes; DICOM holds the bare codestream, which is what is read here.
  if (frame.length < 24 || frame[0] !== 0xff || frame[1] !== 0x4f || frame[2] !== 0xff || frame[3] !== 0x51) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  // The size is read from a SIZ cut short too: a decoder must not be handed a huge one.
  // SIZ: Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz ... Csiz, then per component Ssiz (bit 7: signed; low bits: precision - 1).
  return { width: view.getUint32(8) - view.getUint32(16), height: view.getUint32(12) - view.getUint32(20), precision: frame.length > 42 ? (frame[42]! & 0x7f) + 1 : null };
}
