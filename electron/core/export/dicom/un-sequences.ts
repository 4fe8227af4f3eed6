import type { DenaturalizedDataset } from 'dcmjs';
import type { DataSet, Element } from 'dicom-parser';
import { FOUR_BYTE_LENGTH_VRS } from '@shared/dicom/long-length-vrs';
import { parseHeaderBytes } from '../../dicom/read-header';
import { itemAt, type ElementPath } from './element-walk';
import { resolveImplicitVrs } from './implicit-vrs';

// A sequence relayed by a system that did not know its tag (a private one, or one newer than the
// system) arrives in Explicit VR as UN, its items in Implicit VR Little Endian (PS3.5 6.2.2,
// CP-246). Of undefined length, dcmjs 0.52 reads it as encapsulated pixel data and fails, so a file
// that imported and displayed could not be exported at all; of defined length, dcmjs reads its
// items as Explicit VR and keeps nothing of them. The sequence is rewritten here as SQ, its items in
// Explicit VR, in the copy of the bytes dcmjs reads (as dcmtk and pydicom read it): any of undefined
// length, and one of defined length whose tag PS3.6 gives the VR SQ.

const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;
/** 'UN', two reserved bytes and an undefined length: the header's tail in either byte order. */
/** 'UN' and its two reserved bytes. */
const UN_HEADER = Buffer.from('554e0000', 'hex');
const PIXEL_REPRESENTATION = '00280103';

/** PS3.6's VR for a tag, in dcmjs' codes ('xs', 'ox'...), or undefined. */
export type DictionaryVr = (tag: string) => string | undefined;

/** The explicit VR an implicit element is written with: PS3.6's (its usual choice where it gives one), LO for a private creator, else UN. */
function explicitVr(tag: number, dictionaryVr: DictionaryVr): string {
  const named = dictionaryVr(tag.toString(16).toUpperCase().padStart(8, '0'));
  const choice: Record<string, string> = { xs: 'US', ox: 'OW', lt: 'OW', up: 'UL' };
  if (named) return choice[named] ?? named;
  const group = tag >>> 16;
  const element = tag & 0xffff;
  return group % 2 === 1 && element >= 0x10 && element <= 0xff ? 'LO' : 'UN';
}

/** An element header in Explicit VR Little Endian; a value too long for a 16-bit length is UN. */
function header(tag: number, vr: string, length: number): Buffer {
  const long = FOUR_BYTE_LENGTH_VRS.has(vr) || length > 0xffff;
  const out = Buffer.alloc(long ? 12 : 8);
  out.writeUInt16LE(tag >>> 16, 0);
  out.writeUInt16LE(tag & 0xffff, 2);
  out.write(long && !FOUR_BYTE_LENGTH_VRS.has(vr) ? 'UN' : vr, 4, 'latin1');
  if (long) out.writeUInt32LE(length, 8);
  else out.writeUInt16LE(length, 6);
  return out;
}

const marker = (tag: number) => {
  const out = Buffer.alloc(8);
  out.writeUInt16LE(tag >>> 16, 0);
  out.writeUInt16LE(tag & 0xffff, 2);
  out.writeUInt32LE(tag === ITEM ? UNDEFINED : 0, 4);
  return out;
};

/** Reads Implicit VR Little Endian from `bytes` and writes Explicit VR Little Endian, every sequence and item of undefined length. */
class ImplicitToExplicit {
  readonly out: Buffer[] = [];
  constructor(private readonly bytes: Buffer, private readonly dictionaryVr: DictionaryVr) {}

  private tagAt(at: number): number {
    return ((this.bytes.readUInt16LE(at) << 16) | this.bytes.readUInt16LE(at + 2)) >>> 0;
  }

  /** The items of a sequence whose value starts at `at`, up to `end` (defined length) or its delimiter; returns where it ends. */
  sequence(at: number, end: number | undefined): number {
    while (end === undefined ? at + 8 <= this.bytes.length : at < end) {
      const tag = this.tagAt(at);
      const length = this.bytes.readUInt32LE(at + 4);
      at += 8;
      if (tag === SEQUENCE_END) return at;
      if (tag !== ITEM) throw new Error(`a sequence in implicit VR holds (${tag.toString(16)}) where an item was expected`);
      this.out.push(marker(ITEM));
      at = this.item(at, length === UNDEFINED ? undefined : at + length);
      this.out.push(marker(ITEM_END));
    }
    if (end === undefined) throw new Error('a sequence in implicit VR does not end');
    return at;
  }

  /** The elements of an item whose value starts at `at`; returns where it ends. */
  private item(at: number, end: number | undefined): number {
    while (end === undefined ? at + 8 <= this.bytes.length : at < end) {
      const tag = this.tagAt(at);
      const length = this.bytes.readUInt32LE(at + 4);
      at += 8;
      if (tag === ITEM_END) return at;
      const vr = length === UNDEFINED ? 'SQ' : explicitVr(tag, this.dictionaryVr);
      if (vr === 'SQ') {
        this.out.push(header(tag, 'SQ', UNDEFINED));
        at = this.sequence(at, length === UNDEFINED ? undefined : at + length);
        this.out.push(marker(SEQUENCE_END));
        continue;
      }
      if (at + length > this.bytes.length) throw new Error('an element in implicit VR runs past the end of the file');
      this.out.push(header(tag, vr, length), this.bytes.subarray(at, at + length));
      at += length;
    }
    if (end === undefined) throw new Error('an item in implicit VR does not end');
    return at;
  }
}

/** One UN element of undefined length to rewrite, where it is, and the defined lengths of the sequences and items around it. */
interface Found {
  element: Element;
  path: ElementPath;
  enclosingLengths: number[];
}

function findUnSequences(dataSet: DataSet, path: ElementPath, enclosing: number[], isSequence: (tag: string) => boolean, found: Found[]): void {
  for (const element of Object.values(dataSet.elements)) {
    if (element.vr === 'UN' && (element.hadUndefinedLength || isSequence(element.tag.slice(1).toUpperCase()))) {
      found.push({ element, path, enclosingLengths: enclosing });
      continue;
    }
    if (element.vr !== 'SQ') continue;
    const around = element.hadUndefinedLength ? enclosing : [...enclosing, element.dataOffset - 4];
    const tag = element.tag.slice(1).toUpperCase();
    (element.items ?? []).forEach((item, index) => {
      if (item.dataSet) findUnSequences(item.dataSet, [...path, tag, index], item.hadUndefinedLength ? around : [...around, item.dataOffset - 4], isSequence, found);
    });
  }
}

/** The bytes dcmjs is to read, and where the sequences rewritten from Implicit VR are (their tag, and the items above them). */
export interface ExplicitUnSequences {
  bytes: Uint8Array;
  sequences: { path: ElementPath; tag: string }[];
}

/**
 * The bytes with every UN element that is a sequence written as SQ in Explicit VR (and the
 * lengths of the sequences and items around it made to fit), or null when there is none or the
 * data set is not Explicit VR Little Endian (what dicom-parser cannot read, dcmjs reports). An
 * ambiguous VR ('US or SS') is written as its first choice: resolveRelayedVrs settles it after reading.
 */
export function withExplicitUnSequences(part10: Uint8Array, dictionaryVr: DictionaryVr): ExplicitUnSequences | null {
  const bytes = Buffer.from(part10.buffer, part10.byteOffset, part10.byteLength);
  if (!bytes.includes(UN_HEADER)) return null;
  let dataSet: DataSet;
  try {
    dataSet = parseHeaderBytes(part10);
  } catch {
    return null;
  }
  // Deflated bytes cannot be spliced, and Big Endian ones are left to dcmjs.
  const syntax = dataSet.string('x00020010');
  if (syntax === '1.2.840.10008.1.2.1.99' || syntax === '1.2.840.10008.1.2.2') return null;
  const found: Found[] = [];
  findUnSequences(dataSet, [], [], (tag) => dictionaryVr(tag) === 'SQ', found);
  if (found.length === 0) return null;
  const pieces: Buffer[] = [];
  const grow = new Map<number, number>();
  const shifts: { at: number; delta: number }[] = [];
  let copied = 0;
  for (const { element, enclosingLengths } of found.sort((a, b) => a.element.dataOffset - b.element.dataOffset)) {
    const start = element.dataOffset - 12;
    const writer = new ImplicitToExplicit(bytes, dictionaryVr);
    let end: number;
    try {
      end = writer.sequence(element.dataOffset, element.hadUndefinedLength ? undefined : element.dataOffset + element.length);
    } catch {
      return null; // not a sequence after all: dcmjs reports the file as it reads it
    }
    if (!element.hadUndefinedLength && end !== element.dataOffset + element.length) return null; // items that overrun it: not a sequence
    const rewritten = Buffer.concat([header(parseInt(element.tag.slice(1), 16), 'SQ', UNDEFINED), ...writer.out, marker(SEQUENCE_END)]);
    const delta = rewritten.length - (end - start);
    for (const at of enclosingLengths) grow.set(at, (grow.get(at) ?? 0) + delta);
    shifts.push({ at: start, delta });
    pieces.push(bytes.subarray(copied, start), rewritten);
    copied = end;
  }
  pieces.push(bytes.subarray(copied));
  const out = Buffer.concat(pieces);
  // Each enclosing length field moved by what the rewrites before it added.
  for (const [at, delta] of grow) {
    const moved = at + shifts.filter((s) => s.at < at).reduce((sum, s) => sum + s.delta, 0);
    out.writeUInt32LE(bytes.readUInt32LE(at) + delta, moved);
  }
  return { bytes: out, sequences: found.map(({ element, path }) => ({ path, tag: element.tag.slice(1).toUpperCase() })) };
}

/**
 * Gives the items of each sequence rewritten from Implicit VR the VRs their data set implies (SS
 * for a pixel value of a signed image), as an Implicit VR file's are (implicit-vrs.ts).
 */
export function resolveRelayedVrs(dict: DenaturalizedDataset, sequences: ExplicitUnSequences['sequences'], dictionaryVr: DictionaryVr): void {
  for (const { path, tag } of sequences) {
    const around = itemAt(dict, path);
    const signed = Number(around?.[PIXEL_REPRESENTATION]?.Value?.[0] ?? dict[PIXEL_REPRESENTATION]?.Value?.[0]) === 1;
    for (const item of (around?.[tag]?.Value ?? []) as DenaturalizedDataset[]) resolveImplicitVrs(item, dictionaryVr, signed);
  }
}
