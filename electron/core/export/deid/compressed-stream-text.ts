import type { DenaturalizedDataset } from 'dcmjs';
import { RLE_LOSSLESS } from '../../dicom/rle-lossless';
import { j2kWithoutText } from './j2k-stream-text';
import { jpegWithoutText, type CleanedCodestream } from './jpeg-stream-text';
import { rleWithoutText } from './rle-stream-text';

// A compressed image leaves a de-identified export with its samples as they were and nothing else
// of its stream: no comment, no application segment (EXIF, ICC, thumbnail), no JP2 box, no byte
// after its end or between its segments. A stream this app cannot walk does not leave at all.

/** JPEG (Baseline, Extended, Lossless, retired processes) and JPEG-LS: one marker syntax. */
const JPEG_FAMILY = /^1\.2\.840\.10008\.1\.2\.4\.(5[0-9]|6[0-6]|70|80|81)$/;
/** JPEG 2000 (Part 1 and Part 2 multi-component) and HTJ2K: one codestream syntax. */
const J2K_FAMILY = /^1\.2\.840\.10008\.1\.2\.4\.(9[0-3]|20[1-3])$/;

/** The frames of compressed pixel data, or why not. */
export type CleanedFrames = { frames: ArrayBuffer[] } | { reason: string };

/** A copy in a buffer of its own (a Buffer may be a view into a shared pool). */
const own = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;

/** Each frame's bytes: one buffer per frame as read, or all of them when the image has one frame. */
function framesOf(dict: DenaturalizedDataset): Uint8Array[] | string {
  const chunks = (dict['7FE00010']?.Value ?? []).filter((v): v is ArrayBuffer => v instanceof ArrayBuffer).map((v) => new Uint8Array(v));
  const frames = Math.max(1, Number(dict['00280008']?.Value?.[0]) || 1);
  if (chunks.length === frames) return chunks;
  if (frames === 1) return [Buffer.concat(chunks)];
  return `its ${chunks.length} pixel data fragments cannot be matched to its ${frames} frames without an offset table`;
}

/** One frame cleaned by its syntax, or why it cannot be. */
function cleanFrame(syntax: string, frame: Uint8Array, samplesPerPlane: number): Uint8Array | string {
  if (syntax === RLE_LOSSLESS) return rleWithoutText(frame, samplesPerPlane);
  let cleaned: CleanedCodestream | string;
  if (JPEG_FAMILY.test(syntax)) cleaned = jpegWithoutText(frame, 0);
  else if (J2K_FAMILY.test(syntax)) cleaned = j2kWithoutText(frame, 0);
  else return `its pixel data are compressed in transfer syntax ${syntax}, whose stream this app cannot walk`;
  return typeof cleaned === 'string' ? cleaned : cleaned.bytes;
}

/**
 * The frames of a compressed image's pixel data with every byte that is not image data removed or
 * blanked (JPEG and JPEG-LS comments and application segments, JPEG 2000 and HTJ2K comments and
 * JP2 boxes, RLE padding, bytes after a codestream's end); or why they cannot be, when the image
 * must not be exported.
 */
export function compressedFramesWithoutText(syntax: string, dict: DenaturalizedDataset): CleanedFrames {
  const frames = framesOf(dict);
  if (typeof frames === 'string') return { reason: frames };
  const samplesPerPlane = Number(dict['00280010']?.Value?.[0] ?? 0) * Number(dict['00280011']?.Value?.[0] ?? 0);
  const out: ArrayBuffer[] = [];
  for (const [i, frame] of frames.entries()) {
    const cleaned = cleanFrame(syntax, frame, samplesPerPlane);
    if (typeof cleaned === 'string') return { reason: frames.length === 1 ? cleaned : `frame ${i + 1}: ${cleaned}` };
    out.push(own(cleaned));
  }
  return { frames: out };
}
