import fs from 'node:fs';
import zlib from 'node:zlib';

const DEFLATED = '1.2.840.10008.1.2.1.99';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';

/** One Explicit VR Little Endian element with a short (2-byte) length. */
function shortElement(group: number, element: number, vr: string, value: string): Buffer {
  const text = Buffer.from(value.length % 2 ? `${value}${vr === 'UI' ? '\0' : ' '}` : value, 'latin1');
  const head = Buffer.alloc(8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(element, 2);
  head.write(vr, 4, 'latin1');
  head.writeUInt16LE(text.length, 6);
  return Buffer.concat([head, text]);
}

/** The head of an OB element (4-byte length) whose value follows. */
function longElementHead(group: number, element: number, length: number): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(element, 2);
  head.write('OB', 4, 'latin1');
  head.writeUInt32LE(length, 8);
  return head;
}

/** The preamble, DICM and file meta information of a CT image in the given transfer syntax. */
function part10Prefix(sopUid: string, syntax: string): Buffer {
  const meta = Buffer.concat([
    shortElement(0x0002, 0x0002, 'UI', CT_IMAGE),
    shortElement(0x0002, 0x0003, 'UI', sopUid),
    shortElement(0x0002, 0x0010, 'UI', syntax),
  ]);
  const version = Buffer.from([0x02, 0x00, 0x01, 0x00, 0x4f, 0x42, 0, 0, 2, 0, 0, 0, 0, 1]);
  const body = Buffer.concat([version, meta]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(body.length, 8);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), groupLength, body]);
}

/** The start of a CT data set: SOP Class and Instance UIDs, Modality, and a private creator for block 0009,10xx. */
function ctHeader(sopUid: string): Buffer {
  return Buffer.concat([
    shortElement(0x0008, 0x0016, 'UI', CT_IMAGE),
    shortElement(0x0008, 0x0018, 'UI', sopUid),
    shortElement(0x0008, 0x0060, 'CS', 'CT'),
    shortElement(0x0009, 0x0010, 'LO', 'BONEMET HOSTILE'),
  ]);
}

/**
 * Writes an Explicit VR Little Endian CT header (no pixel data) holding a private sequence of
 * `items` empty items of undefined length: 8 bytes each in the file.
 */
export function writeItemFlood(file: string, items: number, sopUid: string): void {
  const sequence = Buffer.alloc(12);
  sequence.writeUInt16LE(0x0009, 0);
  sequence.writeUInt16LE(0x1001, 2);
  sequence.write('SQ', 4, 'latin1');
  sequence.writeUInt32LE(0xffffffff, 8);
  const emptyItem = Buffer.from([0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0]);
  const endOfSequence = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  fs.writeFileSync(file, Buffer.concat([part10Prefix(sopUid, EXPLICIT_LE), ctHeader(sopUid), sequence, Buffer.alloc(items * 8, emptyItem), endOfSequence]));
}

/** Where writeElementFlood puts its elements, and what goes before them. */
export type ElementFloodPlace = 'top level' | 'in a sequence item' | 'under 100 nested sequences' | 'after an undefined-length UN' | 'after an empty SV';

/**
 * Writes an Explicit VR Little Endian CT header (no pixel data) holding `elements` empty private LO
 * elements (8 bytes each in the file): at the top level, inside one item of a private sequence,
 * inside the innermost item of 100 nested ones, or at the top level after an element a walker that
 * frames elements otherwise than dicom-parser would misread (an undefined-length UN whose implicit
 * VR content holds the bytes of an item delimiter; an empty SV, which dicom-parser 1.8.21 read with
 * a 2-byte length until taught its 4-byte one).
 */
export function writeElementFlood(file: string, elements: number, sopUid: string, where: ElementFloodPlace): void {
  const flood = Buffer.alloc(elements * 8);
  for (let i = 0; i < elements; i++) {
    flood.writeUInt16LE(0x0011 + 2 * Math.floor(i / 0xf000), i * 8);
    flood.writeUInt16LE(0x1000 + (i % 0xf000), i * 8 + 2);
    flood.write('LO', i * 8 + 4, 'latin1');
  }
  const head = (element: number, vr: string, length: number) => {
    const bytes = Buffer.alloc(12);
    bytes.writeUInt16LE(0x0009, 0);
    bytes.writeUInt16LE(element, 2);
    bytes.write(vr, 4, 'latin1');
    bytes.writeUInt32LE(length, 8);
    return bytes;
  };
  const tag = (element: number, length: number) => Buffer.from([0xfe, 0xff, element & 0xff, element >> 8, ...new Uint8Array(new Uint32Array([length]).buffer)]);
  const [item, endOfItem, endOfSequence] = [tag(0xe000, 0xffffffff), tag(0xe00d, 0), tag(0xe0dd, 0)];
  const sequence = head(0x1001, 'SQ', 0xffffffff);
  const nested = (depth: number): Buffer[] => (depth === 0 ? [flood] : [sequence, item, ...nested(depth - 1), endOfItem, endOfSequence]);
  // An implicit VR element (0009,1003) of 8 bytes that spell an item delimiter.
  const implicitDelimiter = Buffer.concat([Buffer.from([0x09, 0x00, 0x03, 0x10, 8, 0, 0, 0]), tag(0xe00d, 0)]);
  const body = {
    'top level': [flood],
    'in a sequence item': nested(1),
    'under 100 nested sequences': nested(100),
    'after an undefined-length UN': [head(0x1002, 'UN', 0xffffffff), item, implicitDelimiter, endOfItem, endOfSequence, flood],
    'after an empty SV': [head(0x1004, 'SV', 0), flood],
  }[where];
  fs.writeFileSync(file, Buffer.concat([part10Prefix(sopUid, EXPLICIT_LE), ctHeader(sopUid), ...body]));
}

/**
 * Writes a Deflated Explicit VR file of a few megabytes whose data set inflates to `inflatedMiB`
 * MiB: a CT header, then a private OB element of zeros that long (and no pixel data), so a reader
 * that inflates the whole data set before parsing it holds gigabytes for one file.
 * The deflate stream is one small compressed block of 64 MiB of zeros repeated: each block is
 * sync-flushed, so the blocks join into one valid raw deflate stream.
 */
export function writeDeflateBomb(file: string, inflatedMiB: number, sopUid = '1.2.826.0.1.3680043.8.498.4242', zerosIn: 'private element' | 'pixel data' = 'private element'): void {
  const header = ctHeader(sopUid);
  const chunkMiB = 64;
  const chunks = Math.max(1, Math.floor(inflatedMiB / chunkMiB));
  const length = chunks * chunkMiB * 1024 * 1024;
  const sync = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 9 };
  const head = zlib.deflateRawSync(Buffer.concat([header, (zerosIn === 'pixel data' ? longElementHead(0x7fe0, 0x0010, Math.min(length, 0xfffffffe)) : longElementHead(0x0009, 0x1001, Math.min(length, 0xfffffffe)))]), sync);
  const zeros = zlib.deflateRawSync(Buffer.alloc(chunkMiB * 1024 * 1024), sync);
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, part10Prefix(sopUid, DEFLATED));
    fs.writeSync(fd, head);
    for (let n = 0; n < chunks; n++) fs.writeSync(fd, zeros);
    // A final empty block ends the stream.
    fs.writeSync(fd, zlib.deflateRawSync(Buffer.alloc(0)));
  } finally {
    fs.closeSync(fd);
  }
}
