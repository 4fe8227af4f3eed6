import type { DenaturalizedDataset } from 'dcmjs';
import { hasFourByteLength } from '@shared/dicom/long-length-vrs';
import { fileMetaSyntax } from '../../dicom/file-meta-syntax';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './uids';

// The header of every element of a Part 10 file, read from its bytes (values skipped): what dcmjs
// 0.52 reads but does not keep (a value's length, the VR a file wrote), found beside its reading.

const UNDEFINED = 0xffffffff;
const ITEM = 0xe000;
const ITEM_END = 0xe00d;
const SEQUENCE_END = 0xe0dd;

/** Where an element sits: the sequences (tag, as dcmjs keys them) and item indexes above it. */
export type ElementPath = readonly (string | number)[];

/** One element's header. */
export interface WalkedElement {
  /** 8 upper-case hex digits, as dcmjs keys it. */
  tag: string;
  /** The VR the file wrote (undefined in Implicit VR). */
  vr: string | undefined;
  length: number;
  /** Where its header starts in the bytes. */
  at: number;
  path: ElementPath;
}

interface Open {
  /** Where it ends (undefined: at its delimiter). */
  end: number | undefined;
  tag: string;
  /** Sequence: items seen so far; item: its index. */
  index: number;
  sequence: boolean;
}

/**
 * Calls `visit` for every element of a Part 10 file's data set, at any depth, in the order of the
 * bytes; stops early at a value it cannot frame (a UN of undefined length, bytes cut short).
 * Deflated data sets are not walked.
 * @param isSequence - whether an Implicit VR element of defined length is a sequence (PS3.6 says SQ)
 */
export function walkElements(bytes: Buffer, isSequence: (tag: string) => boolean, visit: (element: WalkedElement) => void): void {
  const syntax = fileMetaSyntax(bytes);
  if (!syntax || syntax.uid === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) return;
  const implicit = syntax.uid === IMPLICIT_VR_LITTLE_ENDIAN;
  const little = syntax.uid !== EXPLICIT_VR_BIG_ENDIAN;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const open: Open[] = [];
  const path = () => open.filter((o) => !o.sequence).flatMap((item) => [item.tag, item.index]);
  let at = syntax.datasetAt;
  while (at + 8 <= bytes.length) {
    while (open.length > 0 && open.at(-1)!.end !== undefined && at >= open.at(-1)!.end!) open.pop();
    const group = u16(at);
    const element = u16(at + 2);
    if (group === 0xfffe) {
      const length = u32(at + 4);
      at += 8;
      const top = open.at(-1);
      if (element === ITEM && top?.sequence) open.push({ end: length === UNDEFINED ? undefined : at + length, tag: top.tag, index: top.index++, sequence: false });
      else if ((element === ITEM_END && top && !top.sequence) || (element === SEQUENCE_END && top?.sequence)) open.pop();
      continue;
    }
    const tag = `${group.toString(16).padStart(4, '0')}${element.toString(16).padStart(4, '0')}`.toUpperCase();
    const vr = implicit ? undefined : String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!);
    const long = implicit || hasFourByteLength(vr!);
    if (long && at + 12 > bytes.length) return;
    const length = implicit ? u32(at + 4) : long ? u32(at + 8) : u16(at + 6);
    const value = at + (implicit ? 8 : long ? 12 : 8);
    visit({ tag, vr, length, at, path: path() });
    const sequence = implicit ? length === UNDEFINED || isSequence(tag) : vr === 'SQ';
    if (sequence) {
      open.push({ end: length === UNDEFINED ? undefined : value + length, tag, index: 0, sequence: true });
      at = value;
    } else if (length === UNDEFINED) {
      if (tag !== '7FE00010') return; // a UN of undefined length: the reading turned it into a sequence already
      at = afterFragments(value, u16, u32, bytes.length);
    } else {
      at = value + length;
    }
  }
}

/** Where encapsulated pixel data whose first item starts at `at` ends: after its sequence delimiter. */
function afterFragments(at: number, u16: (at: number) => number, u32: (at: number) => number, size: number): number {
  while (at + 8 <= size) {
    const delimiter = u16(at) === 0xfffe && u16(at + 2) === SEQUENCE_END;
    at += 8 + (delimiter ? 0 : u32(at + 4));
    if (delimiter) break;
  }
  return at;
}

/** The item of `dict` at `path` (the data set itself for the top level), or undefined where dcmjs's reading has none. */
export function itemAt(dict: DenaturalizedDataset, path: ElementPath): DenaturalizedDataset | undefined {
  let data: DenaturalizedDataset | undefined = dict;
  for (let i = 0; i < path.length && data; i += 2) {
    data = data[path[i] as string]?.Value?.[path[i + 1] as number] as DenaturalizedDataset | undefined;
  }
  return data;
}
