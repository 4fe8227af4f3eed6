import type { CleanedCodestream } from './jpeg-stream-text';

// JPEG 2000 and HTJ2K codestreams (ISO 15444-1 Annex A, 15444-15) carry free text in comment marker
// segments (COM), in the main header and in any tile-part header; a JP2 file wrapped around the
// codestream (which DICOM forbids, PS3.5 8.2.4, and some writers add) carries XML, UUID and ICC
// boxes besides. Comments are blanked in place (their lengths stay, so tile-part lengths and any
// TLM index stay true), a JP2 wrapper is dropped for its codestream, and bytes after EOC are dropped.

const SOC = 0xff4f;
const SOT = 0xff90;
const SOD = 0xff93;
const EOC = 0xffd9;
const COM = 0xff64;

const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 0x10000 + u16(b, at + 2);

/**
 * Walks marker segments from `p` up to (not past) the marker `stop`, zeroing every comment's
 * registration and text; returns where `stop` is, or why the header cannot be read.
 */
function blankCommentsUntil(out: Uint8Array, p: number, stop: number, limit: number): number | string {
  while (p + 4 <= limit) {
    const marker = u16(out, p);
    if (marker === stop) return p;
    if (marker >>> 8 !== 0xff) return `a JPEG 2000 marker was expected at byte ${p}`;
    const length = u16(out, p + 2);
    if (length < 2 || p + 2 + length > limit) return `a JPEG 2000 marker segment at byte ${p} runs past its header`;
    if (marker === COM) out.fill(0, p + 4, p + 2 + length);
    p += 2 + length;
  }
  return 'a JPEG 2000 header ends before its tile data';
}

/** Where the codestream's EOC is, from `from` (the bit stream never holds 0xFF followed by more than 0x8F). */
function endOfCodestream(bytes: Uint8Array, from: number): number {
  for (let q = from; q + 1 < bytes.length; q++) if (bytes[q] === 0xff && bytes[q + 1] === 0xd9) return q;
  return bytes.length;
}

/** The codestream inside a JP2 file (its Contiguous Codestream box), or null when the bytes are no JP2 file. */
function jp2Codestream(bytes: Uint8Array, start: number): { from: number; to: number } | null {
  if (u32(bytes, start) !== 12 || Buffer.from(bytes.subarray(start + 4, start + 8)).toString('latin1') !== 'jP  ') return null;
  for (let p = start; p + 8 <= bytes.length;) {
    let length = u32(bytes, p);
    let header = 8;
    if (length === 1) {
      length = u32(bytes, p + 8) * 0x100000000 + u32(bytes, p + 12);
      header = 16;
    }
    const type = Buffer.from(bytes.subarray(p + 4, p + 8)).toString('latin1');
    const to = length === 0 ? bytes.length : p + length;
    if (type === 'jp2c') return { from: p + header, to: Math.min(to, bytes.length) };
    if (length < header) return null;
    p = to;
  }
  return null;
}

/**
 * The JPEG 2000 or HTJ2K codestream starting at `start` (at its SOC, or at a JP2 file's signature)
 * with its comments blanked, ending at its EOC; or why it cannot be read.
 */
export function j2kWithoutText(bytes: Uint8Array, start: number): CleanedCodestream | string {
  const jp2 = jp2Codestream(bytes, start);
  if (jp2) {
    const inner = j2kWithoutText(bytes.subarray(0, jp2.to), jp2.from);
    return typeof inner === 'string' ? inner : { bytes: inner.bytes, end: jp2.to };
  }
  if (u16(bytes, start) !== SOC) return 'it does not start with a JPEG 2000 Start Of Codestream marker';
  const out = Uint8Array.from(bytes.subarray(start));
  let p = blankCommentsUntil(out, 2, SOT, out.length);
  while (typeof p === 'number' && u16(out, p) === SOT) {
    const tilePartLength = u32(out, p + 6);
    const sod = blankCommentsUntil(out, p + 12, SOD, out.length);
    if (typeof sod === 'string') return sod;
    // Psot 0: the last tile-part, running to EOC.
    p = tilePartLength === 0 ? endOfCodestream(out, sod + 2) : p + tilePartLength;
  }
  if (typeof p === 'string') return p;
  if (p + 2 > out.length || u16(out, p) !== EOC) return `the JPEG 2000 codestream has no End Of Codestream marker where its tile-parts end (byte ${p})`;
  return { bytes: out.subarray(0, p + 2), end: start + p + 2 };
}
