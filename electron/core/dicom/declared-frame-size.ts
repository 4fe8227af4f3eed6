import { j2kFrameHeader, jpegFrameHeader } from './jpeg-frame-header';

// The width and height a compressed frame's own header declares, read before any decoder runs:
// a decoder allocates what the header declares, so a frame of a few bytes declaring 20000 x 20000
// made a WebAssembly codec grow its memory by gigabytes, which it never gives back.

/** The width and height of a frame, as its header declares them. */
export interface DeclaredSize {
  width: number;
  height: number;
}

/**
 * The size a frame of a JPEG-family transfer syntax declares, or null when its header cannot be
 * found (the decoder then reports the stream itself).
 * @param family - 'jpeg' for JPEG Baseline, Lossless and JPEG-LS; 'j2k' for JPEG 2000 and HTJ2K
 */
export function declaredFrameSize(family: 'jpeg' | 'j2k', frame: Uint8Array): DeclaredSize | null {
  const header = family === 'jpeg' ? jpegFrameHeader(frame) : j2kFrameHeader(frame);
  return header && { width: header.width, height: header.height };
}

/** Why a frame declaring another size than its image's rows x columns is not decoded, or null when it matches (or declares none). */
export function frameSizeMismatch(family: 'jpeg' | 'j2k', frame: Uint8Array, pixels: number, name: string): string | null {
  const size = declaredFrameSize(family, frame);
  if (!size || (size.width > 0 && size.width * size.height === pixels)) return null;
  return `the ${name} frame is ${size.width} x ${size.height}, not the image's ${pixels} pixels`;
}
