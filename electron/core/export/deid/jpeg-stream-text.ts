// JPEG (ISO 10918: Baseline, Extended, Lossless) and JPEG-LS (ISO 14495) streams share one marker
// syntax. Besides the image they can carry text a de-identified export must not: comments (COM) and
// application segments (APPn: EXIF with dates, camera owner and GPS, ICC profiles with descriptions,
// JFIF thumbnails of the image, vendor blocks), and any bytes after End Of Image. No decoder needs
// them for a DICOM image, whose Photometric Interpretation says how to read the samples; only three
// segments can change how samples decode and are kept, rebuilt from their fixed fields alone.

import { jpegSegments } from '../../dicom/jpeg-frame-header';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const COM = 0xfe;
const APP0 = 0xe0;
const APP8 = 0xe8;
const APP14 = 0xee;

/** One codestream cleaned: its bytes, and where the next one (of a multi-frame stream) may start. */
export interface CleanedCodestream {
  bytes: Uint8Array;
  end: number;
}

const segment = (marker: number, payload: readonly number[]) => [0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];

/**
 * The segment that decoding needs, rebuilt without its free bytes, or null: JFIF APP0 and Adobe
 * APP14 (whether three components are YCbCr) and JPEG-LS APP8 'mrfx' (HP colour transform, read by
 * CharLS).
 */
function neededApplicationSegment(marker: number, payload: Uint8Array): number[] | null {
  const id = Buffer.from(payload.subarray(0, 5)).toString('latin1');
  // JFIF: says three components are YCbCr whatever their ids; kept without density or thumbnail.
  if (marker === APP0 && id === 'JFIF\0' && payload.length >= 14) return segment(marker, [...payload.subarray(0, 7), 0, 0, 1, 0, 1, 0, 0]);
  // 'Adobe', version, two flag words (zeroed: no decoder reads them), the transform.
  if (marker === APP14 && id === 'Adobe' && payload.length >= 12) return segment(marker, [...payload.subarray(0, 7), 0, 0, 0, 0, payload[11]!]);
  if (marker === APP8 && id.startsWith('mrfx') && payload.length >= 5) return segment(marker, [...payload.subarray(0, 5)]);
  return null;
}

/**
 * Where the entropy-coded data from `from` end: at the next marker. Inside them 0xFF is followed by
 * 0x00 (JPEG stuffing), a restart marker, or a byte below 0x80 (JPEG-LS bit stuffing).
 */
function entropyCodedEnd(bytes: Uint8Array, from: number): number {
  for (let q = from; q + 1 < bytes.length; q++) {
    if (bytes[q] !== 0xff) continue;
    const next = bytes[q + 1]!;
    if (next >= 0xc0 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return q;
  }
  return bytes.length;
}

/**
 * The JPEG or JPEG-LS codestream starting at `start` (at its SOI) without comment and application
 * segments (but the two decoding needs), ending at its EOI; or why it cannot be read.
 */
export function jpegWithoutText(bytes: Uint8Array, start: number): CleanedCodestream | string {
  if (bytes[start] !== 0xff || bytes[start + 1] !== SOI) return 'it does not start with a JPEG Start Of Image marker';
  const out: Uint8Array[] = [bytes.subarray(start, start + 2)];
  let p = start + 2;
  while (p < bytes.length) {
    const walk = jpegSegments(bytes, p, start);
    let last = -1;
    let step = walk.next();
    for (; !step.done; step = walk.next()) {
      const { marker, at, payloadStart, payloadEnd } = step.value;
      if (marker === SOI) return { bytes: Buffer.concat(out), end: at }; // the next frame's stream, this one having no EOI
      if (marker === COM || (marker >= 0xe0 && marker <= 0xef)) {
        const needed = neededApplicationSegment(marker, bytes.subarray(payloadStart, payloadEnd));
        if (needed) out.push(Uint8Array.from(needed));
      } else {
        out.push(bytes.subarray(at, payloadEnd));
      }
      p = payloadEnd;
      last = marker;
      if (marker === EOI) return { bytes: Buffer.concat(out), end: p };
    }
    if (step.value) return step.value;
    if (last !== SOS) break;
    const end = entropyCodedEnd(bytes, p);
    out.push(bytes.subarray(p, end));
    p = end;
  }
  // A stream cut short of its EOI: decoders read it so; nothing after it is kept.
  return { bytes: Buffer.concat(out), end: p };
}
