import { hasFourByteLength } from '@shared/dicom/long-length-vrs';
// The walk frames elements as the parser it protects does: dicom-parser imported from ./dicom-parser
// knows the 4-byte lengths of OV, SV and UV too.
import { fileMetaSyntax } from './file-meta-syntax';
import { NESTED_TOO_DEEPLY, UnreadableHeader } from './header-errors';

/**
 * The most data elements a header may hold for it to be parsed. dicom-parser makes an object of
 * each: a 64 MB file of eight million empty elements took 100 s and 2.7 GB to read, two million
 * 18 s and 730 MB. Real headers hold hundreds to thousands; an enhanced MR's per-frame functional
 * groups, with a vendor's private block, some 150 to 250 a frame: 8,000 frames stay under it.
 */
export const MAX_DATA_ELEMENTS = 2_000_000;

/**
 * The most sequence items a header may hold for it to be parsed. dicom-parser makes objects of some
 * 300 bytes for each item of 8: a 16 MB header of two million empty items took 600 MB and 7 s to
 * read, and a 160 MB one would take gigabytes. Real files hold thousands (an enhanced multi-frame:
 * some ten per frame; a large RT Structure Set: one per contour).
 */
export const MAX_SEQUENCE_ITEMS = 1_000_000;

/** How deep sequences may nest for the header to be counted (real files: under ten). */
export const MAX_SEQUENCE_DEPTH = 64;

/** The words for a header holding more elements than MAX_DATA_ELEMENTS. */
export const TOO_MANY_ELEMENTS = `its header holds more than ${MAX_DATA_ELEMENTS.toLocaleString('en-US')} data elements: the file is corrupt or built to exhaust memory, and it is not read`;

/** The words for a header holding more items than MAX_SEQUENCE_ITEMS. */
export const TOO_MANY_ITEMS = `it holds more than ${MAX_SEQUENCE_ITEMS.toLocaleString('en-US')} sequence items: the file is corrupt or built to exhaust memory, and it is not read`;

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const UNDEFINED = 0xffffffff;

const malformed = (why: string) => new UnreadableHeader(`a sequence is malformed: ${why}; the header is corrupt`);

/** One walk over a data set's bytes, counting elements and sequence items without making objects of them. */
class ElementCount {
  private count = 0;
  private itemCount = 0;
  private readonly view: DataView;

  constructor(
    bytes: Uint8Array,
    private readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private u16 = (at: number) => this.view.getUint16(at, this.littleEndian);
  private u32 = (at: number) => this.view.getUint32(at, this.littleEndian);
  private isItem = (at: number) => at + 8 <= this.view.byteLength && this.u16(at) === 0xfffe && this.u16(at + 2) === 0xe000;

  /**
   * Walks elements from `at` to `end`, or to the first item tag or delimiter (returned), or the
   * top-level Pixel Data. `explicit`: whether the VR is written (an undefined-length UN's content is
   * implicit VR, as dicom-parser reads it).
   */
  dataSet(at: number, end: number, depth: number, explicit: boolean, topLevel: boolean): number {
    while (at + 8 <= end) {
      const group = this.u16(at);
      if (group === 0xfffe || (topLevel && group === 0x7fe0 && this.u16(at + 2) === 0x0010)) return at;
      if (++this.count > MAX_DATA_ELEMENTS) throw new UnreadableHeader(TOO_MANY_ELEMENTS);
      const vr = explicit ? String.fromCharCode(this.view.getUint8(at + 4), this.view.getUint8(at + 5)) : null;
      const long = vr !== null && hasFourByteLength(vr);
      if (long && at + 12 > end) return end;
      const length = vr === null ? this.u32(at + 4) : long ? this.u32(at + 8) : this.u16(at + 6);
      const value = at + (long ? 12 : 8);
      if (length === UNDEFINED) {
        at = this.items(value, end, depth + 1, vr === 'UN' ? false : explicit);
        continue;
      }
      // A sequence of defined length, or one whose VR the bytes do not say (implicit VR, UN) but whose value starts with an item.
      if (vr === 'SQ' || ((vr === null || vr === 'UN') && this.isItem(value))) this.items(value, Math.min(end, value + length), depth + 1, vr === 'SQ' ? explicit : false);
      at = value + length;
    }
    return end;
  }

  /** Walks a sequence's items; returns where the sequence ends. Refuses sequences nested too deep or items that do not close. */
  private items(at: number, end: number, depth: number, explicit: boolean): number {
    if (depth > MAX_SEQUENCE_DEPTH) throw new UnreadableHeader(NESTED_TOO_DEEPLY);
    while (at + 8 <= end) {
      if (this.u16(at) !== 0xfffe) throw malformed('it holds something other than items');
      const tag = this.u16(at + 2);
      const length = this.u32(at + 4);
      if (tag === 0xe0dd) return at + 8;
      if (tag !== 0xe000) throw malformed('it holds a delimiter that closes no item');
      if (++this.itemCount > MAX_SEQUENCE_ITEMS) throw new UnreadableHeader(TOO_MANY_ITEMS);
      if (length !== UNDEFINED) {
        this.dataSet(at + 8, Math.min(end, at + 8 + length), depth, explicit, false);
        at += 8 + length;
        continue;
      }
      at = this.dataSet(at + 8, end, depth, explicit, false);
      if (at + 8 > end) return end;
      if (this.u16(at) !== 0xfffe || this.u16(at + 2) !== 0xe00d) throw malformed('an item does not close where the next element starts');
      at += 8;
    }
    return end;
  }
}

/**
 * Throws (UnreadableHeader) when a header holds more than MAX_DATA_ELEMENTS data elements, nested
 * ones included, or more than MAX_SEQUENCE_ITEMS sequence items, or nests deeper than
 * MAX_SEQUENCE_DEPTH, counted in one walk before dicom-parser makes an object of each element and
 * item. The walk stops at the top-level Pixel Data, where the parser stops: items in the pixel data
 * or after it are not counted. Bytes that end early are counted as far as they go.
 * @param bytes - a Part 10 file (preamble, DICM, File Meta) or a bare data set
 * @param rawSyntax - a bare data set's syntax (undefined for Part 10, whose File Meta says it)
 */
export function refuseElementFlood(bytes: Uint8Array, rawSyntax?: string): void {
  const meta = rawSyntax === undefined ? fileMetaSyntax(bytes) : null;
  const syntax = meta?.uid ?? rawSyntax ?? IMPLICIT_VR_LITTLE_ENDIAN;
  // A deflated data set is counted once inflated (the header reader's inflater calls refuseInflatedElementFlood).
  if (syntax === DEFLATED) return;
  new ElementCount(bytes, syntax !== EXPLICIT_VR_BIG_ENDIAN).dataSet(meta?.datasetAt ?? 0, bytes.byteLength, 0, syntax !== IMPLICIT_VR_LITTLE_ENDIAN, true);
}

/**
 * The same count for a Deflated Explicit VR Little Endian file once inflated.
 * @param position - where the inflated data set starts (after the File Meta)
 */
export function refuseInflatedElementFlood(bytes: Uint8Array, position: number): void {
  new ElementCount(bytes, true).dataSet(position, bytes.byteLength, 0, true, true);
}
