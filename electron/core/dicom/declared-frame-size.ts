/**
 * The width and height a compressed frame's own header declares, read before any decoder runs:
 * a decoder allocates what the header declares, so a frame of a few bytes declaring 20000 x 20000
 * made a WebAssembly codec grow its memory by gigabytes, which it never gives back.
 */
export interface DeclaredSize {
  width: number;
  height: number;
}

const SOI = 0xd8;
const JPEG_LS_SOF = 0xf7;

/** A JPEG start-of-frame marker (SOF0-SOF15, JPEG-LS SOF55), not DHT (C4), JPG (C8) or DAC (CC). */
const isStartOfFrame = (marker: number) => (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === JPEG_LS_SOF;

/** The size in a JPEG (Baseline, Lossless) or JPEG-LS frame's start-of-frame segment, or null when none is found. */
function jpegSize(frame: Uint8Array): DeclaredSize | null {
  if (frame[0] !== 0xff || frame[1] !== SOI) return null;
  let p = 2;
  while (p + 9 <= frame.length) {
    if (frame[p] !== 0xff) return null;
    // Fill bytes (FF) may precede a marker.
    while (frame[p + 1] === 0xff && p + 2 < frame.length) p++;
    const marker = frame[p + 1]!;
    if (isStartOfFrame(marker)) return { height: (frame[p + 5]! << 8) | frame[p + 6]!, width: (frame[p + 7]! << 8) | frame[p + 8]! };
    p += 2 + ((frame[p + 2]! << 8) | frame[p + 3]!);
  }
  return null;
}

/** The image size in a JPEG 2000 / HTJ2K codestream's SIZ segment (right after SOC), or null. */
function j2kSize(frame: Uint8Array): DeclaredSize | null {
  // A JP2 file wraps the codestream in boxes; DICOM holds the bare codestream, which is what is read here.
  if (frame.length < 24 || frame[0] !== 0xff || frame[1] !== 0x4f || frame[2] !== 0xff || frame[3] !== 0x51) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const width = view.getUint32(8) - view.getUint32(16);
  const height = view.getUint32(12) - view.getUint32(20);
  return { width, height };
}

/**
 * The size a frame of a JPEG-family transfer syntax declares, or null when its header cannot be
 * found (the decoder then reports the stream itself).
 * @param family - 'jpeg' for JPEG Baseline, Lossless and JPEG-LS; 'j2k' for JPEG 2000 and HTJ2K
 */
export function declaredFrameSize(family: 'jpeg' | 'j2k', frame: Uint8Array): DeclaredSize | null {
  return family === 'jpeg' ? jpegSize(frame) : j2kSize(frame);
}

/** Why a frame declaring another size than its image's rows x columns is not decoded, or null when it matches (or declares none). */
export function frameSizeMismatch(family: 'jpeg' | 'j2k', frame: Uint8Array, pixels: number, name: string): string | null {
  const size = declaredFrameSize(family, frame);
  if (!size || (size.width > 0 && size.width * size.height === pixels)) return null;
  return `the ${name} frame is ${size.width} x ${size.height}, not the image's ${pixels} pixels`;
}
