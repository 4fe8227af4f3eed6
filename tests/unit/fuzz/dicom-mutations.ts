import type { SeededRandom } from '../../support/seeded-random';
import type { DicomLayout, ElementSpan } from '../../support/dicom-layout';

/** An unmutated DICOM file to derive mutants from. */
export interface FuzzSource {
  /** Its path in ../shared/dicom, for the failure messages. */
  name: string;
  bytes: Uint8Array;
  layout: DicomLayout;
}

/** One mutant: its bytes, what was done (to reproduce and to read in a failure), and what a reader owes it. */
export interface Mutant {
  bytes: Uint8Array;
  detail: string;
  /** True when only bytes a header reader never needs were touched: the file must still be indexed. */
  headerIntact: boolean;
}

/** Makes a mutant of a source, or returns null when the mutation does not apply to it (no sequence to cut, ...). */
export type Mutator = (source: FuzzSource, rng: SeededRandom) => Mutant | null;

const FIRST_READ_BYTES = 16 * 1024; // the header reader's first read (electron/core/dicom/read-header.ts)
const DEFLATED = '1.2.840.10008.1.2.1.99';
const IMPLICIT = '1.2.840.10008.1.2';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** Transfer syntaxes a header may wrongly claim: each changes how (or whether) the data set can be read. */
const VALID_SYNTAXES = [
  IMPLICIT, '1.2.840.10008.1.2.1', BIG_ENDIAN, DEFLATED, '1.2.840.10008.1.2.5', '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.70', '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.201',
];
const INVALID_SYNTAXES = [
  '', '1.2.3', 'not a UID', '1..2', '1.2.840.10008.1.2.1x', '\u0000\u0000\u0000\u0000', '\u00ff\u00fe\u00fd',
  `1.2.840.10008.${'9.'.repeat(40)}9`, '1.2.840.10008.1.2.1.99.99',
];

/** Attributes the index reads (UIDs, numbers, dates, codes): where an absurd value could leak into what the app shows. */
const INDEXED_ATTRIBUTES = new Set([
  'x00080005', 'x00080018', 'x00080020', 'x00080060', 'x00100010', 'x00100020', 'x00100030', 'x00180050', 'x0020000d', 'x0020000e',
  'x00200011', 'x00200013', 'x00200032', 'x00200037', 'x00200052', 'x00280008', 'x00280010', 'x00280011', 'x00280030',
]);
/** Values no writer should produce: out-of-range integers, non-numbers, non-UIDs, stray separators, binary. */
const ABSURD_VALUES = [
  '99999999999999999999', '18446744073709551616', '-9223372036854775809', '-99999999999', '2147483648', '-1', '0',
  '1e308', '-1e400', 'NaN', 'Infinity', '0x10', '\\\\\\', '', ' ', '\u0000\u0000\u0000\u0000', '\u00ff\u00fe\u00fd\u00fc',
  '1..2', '.1.2', `1.${'2'.repeat(80)}`, '00000000', '99999999', '20231399',
  'ISO_IR 999', 'ISO 2022 IR 87\\ISO 2022 IR 159', '1\\2\\3\\4\\5\\6\\7', 'A'.repeat(1000),
];

const cut = (source: FuzzSource, at: number, what: string, headerIntact = false): Mutant => ({
  bytes: source.bytes.slice(0, at),
  detail: `${what}: cut at byte ${at} of ${source.bytes.length}`,
  headerIntact,
});

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** A UID value as DICOM stores it: padded with NUL to an even length, or cut/padded to `length` when given. */
function uidBytes(uid: string, length?: number): Uint8Array {
  const raw = latin1(uid);
  const size = length ?? raw.length + (raw.length % 2);
  const out = new Uint8Array(size);
  out.set(raw.subarray(0, size));
  return out;
}

function writeLength(bytes: Uint8Array, field: ElementSpan['lengthField'], value: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (field.size === 2) view.setUint16(field.offset, value & 0xffff, field.littleEndian);
  else view.setUint32(field.offset, value >>> 0, field.littleEndian);
}

/**
 * Bytes with one top-level element's value replaced, its length field set to the new length.
 * Later offsets move; the layout no longer holds for them.
 * @param bytes - the original (left untouched)
 * @param element - a top-level element of fixed length
 * @param text - the new value (padded with a space to an even length)
 */
export function replaceValue(bytes: Uint8Array, element: ElementSpan, text: string): Uint8Array {
  const value = latin1(text.length % 2 === 0 ? text : `${text} `);
  const out = splice(bytes, element.dataOffset, element.length, value);
  writeLength(out, element.lengthField, value.length);
  return out;
}

/** Elements whose header a header reader reads: everything before the pixel data, plus the pixel data element itself. */
const headerElements = (source: FuzzSource) => source.layout.elements.filter((e) => e.headerOffset <= source.layout.headerEnd);

/** A position weighted to the header (where a flip changes what is parsed), sometimes anywhere. */
const headerPosition = (source: FuzzSource, rng: SeededRandom) =>
  rng.chance(0.85) ? rng.int(0, Math.max(1, source.layout.headerEnd)) : rng.int(0, source.bytes.length);

function flip(source: FuzzSource, rng: SeededRandom, positions: number[], what: string, headerIntact = false): Mutant {
  const bytes = source.bytes.slice();
  for (const at of positions) bytes[at] = bytes[at]! ^ rng.int(1, 256);
  const shown = positions.length <= 8 ? positions.join(',') : `${positions.slice(0, 8).join(',')},... (${positions.length})`;
  return { bytes, detail: `${what}: flipped bytes ${shown}`, headerIntact };
}

export interface SequenceTag {
  name: string;
  group: number;
  element: number;
}
/** Standard SQ attributes to nest (the first one a file lacks): a real sequence tag, so implicit VR readers parse it as one. */
export const NESTING_TAGS: SequenceTag[] = [
  { name: 'x0040a730', group: 0x0040, element: 0xa730 }, // Content Sequence
  { name: 'x00081115', group: 0x0008, element: 0x1115 }, // Referenced Series Sequence
  { name: 'x00400275', group: 0x0040, element: 0x0275 }, // Request Attributes Sequence
];

/**
 * Nested undefined-length sequences, as the data set's encoding writes them: sequence > item >
 * sequence > item ..., closed by delimiters unless `closed` is false.
 * @param syntax - the data set's transfer syntax (implicit or explicit, little or big endian)
 * @param sequence - the SQ attribute to nest
 * @param depth - how many sequences deep
 * @param closed - whether the item and sequence delimiters follow
 */
export function nestedSequences(syntax: string, sequence: SequenceTag, depth: number, closed: boolean): Uint8Array {
  const littleEndian = syntax !== BIG_ENDIAN;
  const explicit = syntax !== IMPLICIT;
  const open = explicit ? 12 + 8 : 8 + 8;
  const size = depth * open + (closed ? depth * 16 : 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const tag = (group: number, element: number) => {
    view.setUint16(at, group, littleEndian);
    view.setUint16(at + 2, element, littleEndian);
    at += 4;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value, littleEndian);
    at += 4;
  };
  for (let level = 0; level < depth; level++) {
    tag(sequence.group, sequence.element);
    if (explicit) {
      out.set(latin1('SQ'), at);
      at += 4; // VR and two reserved bytes
    }
    u32(0xffffffff);
    tag(0xfffe, 0xe000);
    u32(0xffffffff);
  }
  if (closed) {
    for (let level = 0; level < depth; level++) {
      tag(0xfffe, 0xe00d); // item delimitation
      u32(0);
      tag(0xfffe, 0xe0dd); // sequence delimitation
      u32(0);
    }
  }
  return out;
}

/**
 * Bytes with `remove` bytes at `at` replaced by `insert`.
 * @param bytes - the original (left untouched)
 * @param at - where the replaced range starts
 * @param remove - how many bytes go
 * @param insert - what comes in their place
 */
export function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

/** One function per kind of damage; the fuzz test draws kinds in turn and sources at random. */
export const MUTATORS = {
  /** Cut inside the 128-byte preamble or the "DICM" marker. */
  'truncate-preamble': (source, rng) => cut(source, rng.int(1, Math.min(132, source.bytes.length)), 'truncated in the preamble'),

  /** Cut inside the file meta header (group 0002). */
  'truncate-meta': (source, rng) => cut(source, rng.int(133, source.layout.metaEnd), 'truncated in the meta header'),

  /** Cut between the first byte of an element's tag and its value. */
  'truncate-element-header': (source, rng) => {
    const element = rng.pick(headerElements(source));
    return cut(source, rng.int(element.headerOffset + 1, element.dataOffset), `truncated in the header of ${element.tag}`);
  },

  /** Cut in the middle of a sequence's items. */
  'truncate-sequence': (source, rng) => {
    const sequences = headerElements(source).filter((e) => e.isSequence && e.length > 8);
    if (sequences.length === 0) return null;
    const sequence = rng.pick(sequences);
    return cut(source, rng.int(sequence.dataOffset + 1, sequence.dataOffset + sequence.length), `truncated in sequence ${sequence.tag} (depth ${sequence.depth})`);
  },

  /** Cut anywhere. */
  'truncate-anywhere': (source, rng) => cut(source, rng.int(1, source.bytes.length), 'truncated'),

  /** Cut right around the header reader's first read, where it decides whether to read the whole file. */
  'truncate-read-boundary': (source, rng) =>
    source.bytes.length > FIRST_READ_BYTES + 16 ? cut(source, FIRST_READ_BYTES + rng.int(-16, 17), 'truncated at the first-read boundary') : null,

  /** Cut inside the pixel data: the header is whole, so the file must still be indexed. */
  'truncate-pixel-data': (source, rng) => {
    const pixels = source.layout.pixelData;
    if (!pixels || pixels.end - pixels.dataOffset < 2) return null;
    return cut(source, rng.int(pixels.dataOffset + 1, pixels.end), 'truncated in the pixel data', true);
  },

  /** A few bytes flipped, mostly in the header. */
  'flip-few': (source, rng) => flip(source, rng, Array.from({ length: rng.int(1, 5) }, () => headerPosition(source, rng)), 'a few flipped bytes'),

  /** Many bytes flipped, mostly in the header. */
  'flip-many': (source, rng) => flip(source, rng, Array.from({ length: rng.int(8, 257) }, () => headerPosition(source, rng)), 'many flipped bytes'),

  /** Bytes flipped in the pixel data only: the header is whole, so the file must still be indexed. */
  'flip-pixel-data': (source, rng) => {
    const pixels = source.layout.pixelData;
    if (!pixels || pixels.end <= pixels.dataOffset) return null;
    return flip(source, rng, Array.from({ length: rng.int(1, 65) }, () => rng.int(pixels.dataOffset, pixels.end)), 'flipped pixel data bytes', true);
  },

  /** An element's (or item's) 16/32-bit length field overwritten with an absurd value. */
  'absurd-length': (source, rng) => {
    const element = rng.pick(headerElements(source));
    const { size } = element.lengthField;
    const pastEof = source.bytes.length - element.dataOffset + rng.int(1, 4096);
    const odd = element.length % 2 === 0 ? element.length + 1 : element.length + 2;
    const value =
      size === 4
        ? rng.pick([0xffffffff, 0x7fffffff, 0xfffffffe, 0x80000000, odd, pastEof, 0, rng.int(0, 0x7fffffff)])
        : rng.pick([0xffff, 0x7fff, 0xfffe, odd & 0xffff, Math.min(pastEof, 0xffff), 0, rng.int(0, 0x10000)]);
    const bytes = source.bytes.slice();
    writeLength(bytes, element.lengthField, value);
    return { bytes, detail: `length of ${element.tag}${element.isItem ? ' (item)' : ''} at depth ${element.depth} set to 0x${value.toString(16)} (${size * 8}-bit, was ${element.length})`, headerIntact: false };
  },

  /** One to three values the index reads replaced by absurd ones (length fields fixed up): none may reach the app as it is. */
  'absurd-value': (source, rng) => {
    const candidates = source.layout.elements.filter((e) => e.depth === 0 && INDEXED_ATTRIBUTES.has(e.tag) && !e.undefinedLength);
    if (candidates.length === 0) return null;
    const chosen = new Set(Array.from({ length: rng.int(1, 4) }, () => rng.pick(candidates)));
    let bytes = source.bytes;
    const changes: string[] = [];
    // Last element first, so the offsets of the ones still to change do not move.
    for (const element of [...chosen].sort((a, b) => b.dataOffset - a.dataOffset)) {
      const text = rng.pick(ABSURD_VALUES);
      bytes = replaceValue(bytes, element, text);
      changes.push(`${element.tag} = ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text)} (was ${element.length} bytes)`);
    }
    return { bytes, detail: `absurd values: ${changes.join(', ')}`, headerIntact: false };
  },

  /** The Transfer Syntax UID replaced by another UID of the same length: every offset stays. */
  'syntax-same-length': (source, rng) => {
    const ts = source.layout.transferSyntax;
    if (!ts) return null;
    const sameLength = VALID_SYNTAXES.filter((uid) => uidBytes(uid).length === ts.valueLength && uid !== source.layout.transferSyntaxUid);
    const uid = sameLength.length > 0 && rng.chance(0.6) ? rng.pick(sameLength) : rng.pick(INVALID_SYNTAXES);
    const bytes = source.bytes.slice();
    bytes.set(uidBytes(uid, ts.valueLength), ts.valueOffset);
    return { bytes, detail: `transfer syntax set to ${JSON.stringify(uid)} (same length ${ts.valueLength})`, headerIntact: false };
  },

  /** The Transfer Syntax UID replaced by one of another length; its length field and the group length fixed up, or not. */
  'syntax-other-length': (source, rng) => {
    const ts = source.layout.transferSyntax;
    if (!ts) return null;
    const uid = rng.pick([...VALID_SYNTAXES, ...INVALID_SYNTAXES].filter((u) => uidBytes(u).length !== ts.valueLength));
    const value = uidBytes(uid);
    const fixUp = rng.pick(['element and group length', 'element length only', 'neither length'] as const);
    const bytes = splice(source.bytes, ts.valueOffset, ts.valueLength, value);
    const view = new DataView(bytes.buffer);
    if (fixUp !== 'neither length') view.setUint16(ts.lengthFieldOffset, value.length, true);
    const group = source.layout.groupLength;
    if (fixUp === 'element and group length' && group) view.setUint32(group.valueOffset, group.value + value.length - ts.valueLength, true);
    return { bytes, detail: `transfer syntax set to ${JSON.stringify(uid)} (${ts.valueLength} -> ${value.length} bytes; fixed up: ${fixUp})`, headerIntact: false };
  },

  /** File Meta Information Group Length (0002,0000) set to a wrong value. */
  'wrong-group-length': (source, rng) => {
    const group = source.layout.groupLength;
    if (!group) return null;
    const value = rng.pick([0, 1, group.value - 2, group.value + 2, group.value + 1000, 0x7fffffff, 0xffffffff, rng.int(0, 0x7fffffff)]) >>> 0;
    const bytes = source.bytes.slice();
    new DataView(bytes.buffer).setUint32(group.valueOffset, value, true);
    return { bytes, detail: `meta group length set to ${value} (was ${group.value})`, headerIntact: false };
  },

  /**
   * Undefined-length sequences nested `depth` deep, placed in tag order among the top-level
   * elements, closed or not. Shallow closed nesting is valid DICOM: the file must still be indexed.
   */
  'nested-sequences': (source, rng) => {
    if (source.layout.transferSyntaxUid === DEFLATED) return null;
    const topLevel = source.layout.elements.filter((e) => e.depth === 0 && !e.isItem && !e.tag.startsWith('x0002'));
    const tag = NESTING_TAGS.find((candidate) => !topLevel.some((e) => e.tag === candidate.name));
    if (!tag) return null;
    const at = topLevel.find((e) => e.tag > tag.name)?.headerOffset ?? source.layout.headerEnd;
    const deep = rng.chance(0.6);
    const depth = deep ? rng.int(500, 20_001) : rng.int(1, 65);
    const closed = rng.chance(0.6);
    const nested = nestedSequences(source.layout.transferSyntaxUid, tag, depth, closed);
    return {
      bytes: splice(source.bytes, at, 0, nested),
      detail: `${closed ? 'closed' : 'unclosed'} undefined-length sequences ${tag.name} nested ${depth} deep at byte ${at}`,
      headerIntact: closed && !deep,
    };
  },

  /** An empty file. */
  'zero-bytes': () => ({ bytes: new Uint8Array(0), detail: 'zero bytes', headerIntact: false }),

  /** Nothing but a preamble and "DICM" (and sometimes a few stray bytes). */
  'dicm-only': (source, rng) => {
    const extra = rng.chance(0.5) ? 0 : rng.int(1, 12);
    const bytes = new Uint8Array(132 + extra);
    if (rng.chance(0.5)) bytes.set(source.bytes.subarray(0, 128));
    bytes.set(latin1('DICM'), 128);
    for (let i = 132; i < bytes.length; i++) bytes[i] = rng.int(0, 256);
    return { bytes, detail: `a preamble and "DICM"${extra ? ` and ${extra} random bytes` : ''}`, headerIntact: false };
  },
} satisfies Record<string, Mutator>;

export type MutationKind = keyof typeof MUTATORS;
export const MUTATION_KINDS = Object.keys(MUTATORS) as MutationKind[];

/**
 * The source with a SOP Instance UID of its own (in (0008,0018) and (0002,0003)): its last
 * `digits` digits replaced by `serial`, dots and length kept, so no offset moves. Without this
 * every readable mutant would be a duplicate of its source's unmutated copy, and what it holds
 * would never reach the index.
 * @param source - the unmutated source
 * @param serial - a number unique within the run (the mutant's index)
 */
export function withOwnInstanceUid(source: FuzzSource, serial: number, digits = 6): FuzzSource {
  const bytes = source.bytes.slice();
  for (const tag of ['x00080018', 'x00020003']) {
    const element = source.layout.elements.find((e) => e.tag === tag && e.depth === 0);
    if (!element) continue;
    let left = serial;
    let replaced = 0;
    for (let at = element.dataOffset + element.length - 1; at >= element.dataOffset && replaced < digits; at--) {
      const byte = bytes[at]!;
      if (byte < 0x30 || byte > 0x39) continue; // padding, dots
      bytes[at] = 0x30 + (left % 10);
      left = Math.floor(left / 10);
      replaced++;
    }
  }
  return { ...source, bytes };
}
