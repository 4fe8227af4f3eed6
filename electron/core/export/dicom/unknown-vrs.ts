import type { DenaturalizedDataset } from 'dcmjs';
import { AppError } from '@shared/errors';
import { fileMetaSyntax, FOUR_BYTE_LENGTH_VRS } from '../../dicom/file-meta-syntax';
import { EXPLICIT_VR_BIG_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './uids';

// dcmjs 0.52 has no class for SV, OV and OL (it has UV, OD and OF): it reads such an element as UN
// (its bytes kept, in the file's byte order) and writes it back with the VR UN. A copy then said UN
// where the source said SV, and the de-identification removed it as an element nobody can judge.
// The VR is given back after reading (from PS3.6: an Explicit VR file that said SV, OV or OL is
// what makes dcmjs say UN for a tag PS3.6 gives one of them) and written over UN after writing;
// all three have the header UN has (two reserved bytes, a 32-bit length), so no byte moves.

/** The VRs dcmjs 0.52 reads and writes as UN. */
const UNKNOWN_TO_DCMJS = new Set(['SV', 'OV', 'OL']);

const UNDEFINED_LENGTH = 0xffffffff;
const ITEM_GROUP = 0xfffe;
const SEQUENCE_DELIMITER = 0xe0dd;

/**
 * Gives back the VR PS3.6 names (SV, OV or OL) to every element dcmjs read as UN for a tag that has
 * one, at any depth: its value stays the bytes read.
 * @param dictionaryVr - the VR PS3.6 gives a tag (8 upper-case hex digits)
 */
export function restoreUnknownVrs(dict: DenaturalizedDataset, dictionaryVr: (tag: string) => string | undefined): void {
  for (const [tag, element] of Object.entries(dict)) {
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as DenaturalizedDataset[]) restoreUnknownVrs(item, dictionaryVr);
      continue;
    }
    const named = dictionaryVr(tag.toUpperCase());
    if (element.vr === 'UN' && named && UNKNOWN_TO_DCMJS.has(named)) dict[tag] = { ...element, vr: named };
  }
}

/** The VR of each element of `dict` in the order dcmjs writes them: tags sorted, each item's elements after its sequence. */
function writeOrder(dict: DenaturalizedDataset, into: string[] = []): string[] {
  for (const tag of Object.keys(dict).sort()) {
    const element = dict[tag]!;
    into.push(element.vr);
    if (element.vr === 'SQ') for (const item of (element.Value ?? []) as DenaturalizedDataset[]) writeOrder(item, into);
  }
  return into;
}

/**
 * Writes SV, OV or OL over the UN dcmjs wrote for each such element of `dict`, in the Part 10 bytes
 * it made of it (`bytes`, changed in place). Walks dcmjs' own framing: sequences and items of
 * undefined length, every other element but encapsulated pixel data of defined length. Implicit VR
 * names no VR, so there is nothing to write over.
 */
export function relabelUnknownVrs(bytes: Buffer, dict: DenaturalizedDataset): void {
  const vrs = writeOrder(dict);
  if (!vrs.some((vr) => UNKNOWN_TO_DCMJS.has(vr))) return;
  const syntax = fileMetaSyntax(bytes);
  if (!syntax || syntax.uid === IMPLICIT_VR_LITTLE_ENDIAN) return;
  const little = syntax.uid !== EXPLICIT_VR_BIG_ENDIAN;
  const u16 = (at: number) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  let at = syntax.datasetAt;
  let index = 0;
  while (index < vrs.length && at + 8 <= bytes.length) {
    // An item or a delimiter: items are of undefined length, so their elements follow at once.
    if (u16(at) === ITEM_GROUP) {
      at += 8;
      continue;
    }
    const written = bytes.toString('latin1', at + 4, at + 6);
    const long = FOUR_BYTE_LENGTH_VRS.has(written);
    const length = long ? u32(at + 8) : u16(at + 6);
    const value = at + (long ? 12 : 8);
    const vr = vrs[index++]!;
    if (UNKNOWN_TO_DCMJS.has(vr)) {
      if (written !== 'UN') throw new AppError('internal', `The DICOM writer put ${written} where the ${vr} element ${index} was expected: the file was not written.`);
      bytes.write(vr, at + 4, 'latin1');
    }
    if (written === 'SQ') at = value;
    else if (length === UNDEFINED_LENGTH) at = afterFragments(bytes, value, u16, u32);
    else at = value + length;
  }
}

/** Where encapsulated pixel data that starts at `at` (its first item) ends: after its sequence delimiter. */
function afterFragments(bytes: Buffer, at: number, u16: (at: number) => number, u32: (at: number) => number): number {
  while (at + 8 <= bytes.length) {
    const delimiter = u16(at) === ITEM_GROUP && u16(at + 2) === SEQUENCE_DELIMITER;
    at += 8 + (delimiter ? 0 : u32(at + 4));
    if (delimiter) break;
  }
  return at;
}
