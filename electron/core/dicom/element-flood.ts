import { UnreadableHeader } from './header-errors';

/**
 * The most data elements a header may hold for it to be parsed. dicom-parser makes an object of
 * each: a 64 MB file of eight million empty elements took 100 s and 2.7 GB to read. Real headers
 * hold hundreds to thousands; an enhanced image's functional groups some tens per frame.
 */
export const MAX_DATA_ELEMENTS = 1_000_000;

/** The words for a header holding more elements than MAX_DATA_ELEMENTS. */
export const TOO_MANY_ELEMENTS = `its header holds more than ${MAX_DATA_ELEMENTS.toLocaleString('en-US')} data elements: the file is corrupt or built to exhaust memory, and it is not read`;

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
// Explicit VRs whose length takes four bytes after two reserved ones (PS3.5 7.1.2).
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;
// Deeper than this the walk stops counting and leaves the file to the parser, which refuses it.
const MAX_DEPTH = 256;

/** One walk over a data set's bytes, counting elements without making objects of them. */
class ElementCount {
  private count = 0;
  private readonly view: DataView;

  constructor(
    bytes: Uint8Array,
    private readonly explicit: boolean,
    private readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private u16 = (at: number) => this.view.getUint16(at, this.littleEndian);
  private u32 = (at: number) => this.view.getUint32(at, this.littleEndian);
  private isItem = (at: number) => at + 8 <= this.view.byteLength && this.u16(at) === 0xfffe && this.u16(at + 2) === 0xe000;

  /** Walks elements from `at` to `end` (or the first item tag or delimiter); returns where it stopped. */
  dataSet(at: number, end: number, depth: number, topLevel: boolean): number {
    while (at + 8 <= end) {
      const group = this.u16(at);
      if (group === 0xfffe || (topLevel && group === 0x7fe0 && this.u16(at + 2) === 0x0010)) return at;
      if (++this.count > MAX_DATA_ELEMENTS) throw new UnreadableHeader(TOO_MANY_ELEMENTS);
      const vr = this.explicit ? String.fromCharCode(this.view.getUint8(at + 4), this.view.getUint8(at + 5)) : null;
      const long = vr === null || LONG_VRS.has(vr);
      const length = vr === null ? this.u32(at + 4) : long ? (at + 12 <= end ? this.u32(at + 8) : 0) : this.u16(at + 6);
      const value = at + (vr !== null && long ? 12 : 8);
      if (length === UNDEFINED) {
        at = this.items(value, end, depth + 1);
        continue;
      }
      // A sequence of defined length, or one whose VR the bytes do not say (implicit VR, UN) but whose value starts with an item.
      if (vr === 'SQ' || ((vr === null || vr === 'UN') && this.isItem(value))) this.items(value, Math.min(end, value + length), depth + 1);
      at = value + length;
    }
    return end;
  }

  /** Walks a sequence's items; returns where the sequence ends. */
  private items(at: number, end: number, depth: number): number {
    if (depth > MAX_DEPTH) return end;
    while (at + 8 <= end) {
      if (this.u16(at) !== 0xfffe) return end;
      const tag = this.u16(at + 2);
      const length = this.u32(at + 4);
      if (tag === 0xe0dd) return at + 8;
      if (tag !== 0xe000) return end;
      if (length !== UNDEFINED) {
        this.dataSet(at + 8, Math.min(end, at + 8 + length), depth, false);
        at += 8 + length;
        continue;
      }
      at = this.dataSet(at + 8, end, depth, false);
      if (at + 8 > end || this.u16(at) !== 0xfffe || this.u16(at + 2) !== 0xe00d) return end;
      at += 8;
    }
    return end;
  }
}

/**
 * Throws (UnreadableHeader) when a header holds more than MAX_DATA_ELEMENTS data elements, nested
 * ones included, counted in one walk before dicom-parser makes an object of each.
 * @param bytes - a Part 10 file (preamble, DICM, File Meta) or a bare data set
 * @param rawSyntax - a bare data set's syntax (undefined for Part 10, whose File Meta says it)
 */
export function refuseElementFlood(bytes: Uint8Array, rawSyntax?: string): void {
  let start = 0;
  let syntax = rawSyntax ?? IMPLICIT_VR_LITTLE_ENDIAN;
  if (rawSyntax === undefined && bytes.byteLength >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM') {
    const meta = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    start = 132;
    // File Meta: Explicit VR Little Endian, group 0002.
    while (start + 8 <= bytes.byteLength && meta.getUint16(start, true) === 0x0002) {
      const vr = String.fromCharCode(bytes[start + 4]!, bytes[start + 5]!);
      const long = LONG_VRS.has(vr);
      const length = long ? (start + 12 <= bytes.byteLength ? meta.getUint32(start + 8, true) : 0) : meta.getUint16(start + 6, true);
      const value = start + (long ? 12 : 8);
      if (meta.getUint16(start + 2, true) === 0x0010) syntax = Buffer.from(bytes.subarray(value, value + length)).toString('latin1').replace(/[\0 ]+$/, '');
      start = value + length;
    }
  }
  // A deflated data set is counted once inflated (the header reader's inflater calls this again).
  if (syntax === DEFLATED) return;
  const walk = new ElementCount(bytes, syntax !== IMPLICIT_VR_LITTLE_ENDIAN, syntax !== EXPLICIT_VR_BIG_ENDIAN);
  walk.dataSet(start, bytes.byteLength, 0, true);
}

/**
 * The same count for a Deflated Explicit VR Little Endian file once inflated.
 * @param position - where the inflated data set starts (after the File Meta)
 */
export function refuseInflatedElementFlood(bytes: Uint8Array, position: number): void {
  new ElementCount(bytes, true, true).dataSet(position, bytes.byteLength, 0, true);
}
