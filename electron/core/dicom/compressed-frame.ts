import { Decoder as JpegLosslessDecoder } from '@cornerstonejs/jpeg-lossless-decoder-js';
import { frameSizeMismatch } from './declared-frame-size';
import { decodeRleFrame, RLE_LOSSLESS } from './rle-lossless';
import { decodeWasmFrame, WASM_DECODED_SYNTAXES } from './wasm-frame-decoder';

// Compressed frames the core decodes itself, for the NIfTI export, the bone analysis and the
// referral's key images, which run in Node, not in the viewer. RLE and JPEG Lossless (what archives
// and PACS most often store CT in) are plain script; 8-bit JPEG Baseline (radiographs), JPEG-LS,
// JPEG 2000 and HTJ2K use the viewer's own WebAssembly codecs. All are synchronous.

/** JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14, Selection Value 1). */
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
/** JPEG Lossless, Non-Hierarchical (Process 14), any predictor. */
export const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';

/** The compressed transfer syntaxes whose frames decodeCompressedFrame reads, by name. */
export const DECODED_COMPRESSED_SYNTAXES: Readonly<Record<string, string>> = {
  [RLE_LOSSLESS]: 'RLE Lossless',
  [JPEG_LOSSLESS]: 'JPEG Lossless',
  [JPEG_LOSSLESS_SV1]: 'JPEG Lossless (first-order prediction)',
  ...Object.fromEntries(Object.entries(WASM_DECODED_SYNTAXES).map(([uid, { name }]) => [uid, name])),
};

/** The most bytes one decoded frame may take: a 16-bit greyscale frame of 23 000 x 23 000. */
export const MAX_DECODED_FRAME_BYTES = 2 ** 30;

/** The compressions of DECODED_COMPRESSED_SYNTAXES, in words for messages that say what is read. */
export const DECODED_COMPRESSIONS = 'RLE, JPEG Lossless, 8-bit JPEG Baseline, JPEG-LS, JPEG 2000 and HTJ2K';

/**
 * Decodes one frame of a single-sample (greyscale) image into native little-endian samples: the
 * same bytes its uncompressed form would hold.
 * @param frame - the frame's bytes (its fragments, concatenated)
 * @param pixels - rows x columns
 * @param bytesPerSample - 1 or 2
 * @returns the decoded bytes, or a reason the frame cannot be decoded
 */
export function decodeCompressedFrame(syntax: string, frame: Uint8Array, pixels: number, bytesPerSample: number): Uint8Array | string {
  // Rows and Columns up to 65535 each can ask for an 8 GiB frame: past the limit no decoder is tried
  // (an RLE frame's output was allocated first, and threw an engine error past 4 GiB).
  if (pixels * bytesPerSample > MAX_DECODED_FRAME_BYTES) {
    return `the image declares ${pixels} pixels of ${bytesPerSample} bytes: more than the ${MAX_DECODED_FRAME_BYTES / 2 ** 30} GiB a frame is decoded into here (its Rows and Columns are corrupt, or the image is too large)`;
  }
  if (syntax === RLE_LOSSLESS) return decodeRleFrame(frame, pixels, bytesPerSample);
  if (syntax in WASM_DECODED_SYNTAXES) return decodeWasmFrame(syntax, frame, pixels, bytesPerSample);
  if (syntax !== JPEG_LOSSLESS && syntax !== JPEG_LOSSLESS_SV1) return `frames in transfer syntax ${syntax} are not decoded here`;
  // Checked before decoding: the decoder allocates what the header declares.
  const mismatch = frameSizeMismatch('jpeg', frame, pixels, 'JPEG Lossless');
  if (mismatch) return mismatch;
  let samples: Uint8Array | Uint16Array;
  try {
    samples = new JpegLosslessDecoder().decode(frame.buffer as ArrayBuffer, frame.byteOffset, frame.byteLength, bytesPerSample);
  } catch (error) {
    return `the JPEG Lossless frame cannot be decoded (${error instanceof Error ? error.message : String(error)})`;
  }
  const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  if (bytes.byteLength < pixels * bytesPerSample) return `the JPEG Lossless frame decodes to ${bytes.byteLength} bytes, short of the ${pixels * bytesPerSample} of its image`;
  // Uint16Array samples are in the platform's order: little endian on every machine the app runs on.
  return bytes.subarray(0, pixels * bytesPerSample);
}
