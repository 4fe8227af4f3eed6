import fs from 'node:fs';
import path from 'node:path';
import type { DenaturalizedDataset } from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { decodeCompressedFrame } from '../../../electron/core/dicom/compressed-frame';
import { deidentifyFile } from '../../../electron/core/export/deid/deidentify-file';
import { encodePart10Dict, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SHARED_DICOM } from '../../support/paths';

// An outside checker's images that hide their patient inside the compressed pixel data, where a
// de-identified export copies the stream as it is: EXIF and comment segments of JPEG and JPEG-LS,
// comment marker segments and JP2 boxes of JPEG 2000, padding of RLE frames, bytes after the end of
// a codestream. The identity is written in UTF-16 and in EXIF's date form, which a search of the
// stream for the header's values as Latin-1 or UTF-8 text does not find. Each must leave without any
// of it, and decode to the same samples as its source.

const NAME = 'Hostilewood^Janet';
const ID = 'HPID-31337001';
const utf16le = (s: string) => Buffer.from(s, 'utf16le');
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const ascii = (s: string) => Buffer.from(s, 'latin1');

/** Every form of every planted value the checker greps for. */
const NEEDLES = ['Hostilewood', 'HOSTILEWOOD', 'Janet', 'JANET', ID, '2023:08:17', '20230817'].flatMap((s) => [ascii(s), utf16le(s), utf16be(s)]);
const leaks = (bytes: Uint8Array) => NEEDLES.filter((n) => Buffer.from(bytes).includes(n)).map((n) => n.toString('latin1'));

const ctx = () => {
  const map = new Map<string, string>();
  return { mapUid: (u: string) => map.get(u) ?? (map.set(u, `2.25.${map.size + 1}`), `2.25.${map.size}`), pseudonym: 'BONEMET-0042', dateShiftDays: null };
};

const u16be = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const jpegSegment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16be(payload.length + 2), payload]);

/** An EXIF APP1 segment as a camera writes it: owner and comment in UTF-16 (UNICODE), DateTimeOriginal in EXIF's own form. */
const exif = () => jpegSegment(0xe1, Buffer.concat([ascii('Exif\0\0II*\0'), ascii('2023:08:17 10:15:30\0'), ascii('UNICODE\0'), utf16le('Janet Hostilewood ' + ID)]));

interface Source {
  meta: DenaturalizedDataset;
  dict: DenaturalizedDataset;
  frame: Buffer;
}

function source(file: string): Source {
  const where = path.join(SHARED_DICOM, file);
  const { meta, dict } = parsePart10(fs.readFileSync(where), where);
  const chunks = (dict['7FE00010']!.Value as ArrayBuffer[]).map((b) => new Uint8Array(b));
  return { meta, dict, frame: Buffer.concat(chunks) };
}

/** The source with the patient planted in its header and `frame` as its one frame (in `fragments`, as read), as Part 10 bytes. */
function withFrame({ meta, dict }: Source, frame: Uint8Array, fragments: readonly Uint8Array[] = [frame]): Buffer {
  // The source's own File Meta, less its sending AE title (some are longer than AE allows).
  const { '00020016': _sender, ...fileMeta } = meta;
  return encodePart10Dict(fileMeta, {
    ...dict,
    '00100010': { vr: 'PN', Value: [{ Alphabetic: NAME }] },
    '00100020': { vr: 'LO', Value: [ID] },
    '00080020': { vr: 'DA', Value: ['20230817'] },
    '7FE00010': { ...dict['7FE00010']!, Value: fragments.map((f) => new Uint8Array(f).buffer) },
  });
}

/** The one frame of an exported file, decoded, beside the source frame decoded. */
function decodedPair(src: Source, exported: Buffer, syntax: string): [Uint8Array | string, Uint8Array | string] {
  const out = parsePart10(exported, 'exported');
  const frame = Buffer.concat((out.dict['7FE00010']!.Value as ArrayBuffer[]).map((b) => new Uint8Array(b)));
  const pixels = Number(src.dict['00280010']!.Value![0]) * Number(src.dict['00280011']!.Value![0]);
  const bytesPerSample = Number(src.dict['00280100']!.Value![0]) / 8;
  return [decodeCompressedFrame(syntax, frame, pixels, bytesPerSample), decodeCompressedFrame(syntax, src.frame, pixels, bytesPerSample)];
}

function expectCleanAndSame(src: Source, planted: Uint8Array, syntax: string): void {
  // The planted stream holds what it should, so that a clean export means something.
  expect(leaks(planted).length).toBeGreaterThan(0);
  const out = deidentifyFile(withFrame(src, planted), 'planted', ctx());
  expect(out.withheld).toBeNull();
  expect(leaks(out.bytes)).toEqual([]);
  // Still compressed as it was: only what is not image data is gone.
  expect(parsePart10(out.bytes, 'exported').meta['00020010']!.Value).toEqual([syntax]);
  const [exported, original] = decodedPair(src, out.bytes, syntax);
  expect(typeof exported).not.toBe('string');
  expect(Buffer.from(exported as Uint8Array).equals(Buffer.from(original as Uint8Array))).toBe(true);
}

describe('de-identifying an image whose compressed stream hides its patient', () => {
  it('JPEG Baseline: a JFIF thumbnail, an EXIF segment, a comment in UTF-16 and text after End Of Image go; the samples stay', () => {
    const src = source('cornerstone3d/CTImage.dcm_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm');
    const f = src.frame;
    const eoi = f.lastIndexOf(Buffer.from([0xff, 0xd9]));
    // A JFIF segment whose 4 x 1 RGB thumbnail spells the name.
    const jfif = jpegSegment(0xe0, Buffer.concat([ascii('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 4, 1]), ascii('Hostilewood!')]));
    const planted = Buffer.concat([f.subarray(0, 2), jfif, exif(), jpegSegment(0xfe, utf16be(`Janet Hostilewood ${ID}`)), f.subarray(2, eoi + 2), ascii(`${ID} 20230817`)]);
    expectCleanAndSame(src, planted, '1.2.840.10008.1.2.4.50');
  });

  it('JPEG-LS: a comment segment in UTF-16 goes; the samples stay', () => {
    const src = source('pydicom/MR_small_jpeg_ls_lossless.dcm');
    const f = src.frame;
    const planted = Buffer.concat([f.subarray(0, 2), jpegSegment(0xfe, utf16le(`Hostilewood Janet 2023:08:17 ${ID}`)), f.subarray(2)]);
    expectCleanAndSame(src, planted, '1.2.840.10008.1.2.4.80');
  });

  it('JPEG 2000: a comment marker segment in the main header and text after End Of Codestream go; the samples stay', () => {
    const src = source('cornerstone3d/CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm');
    const f = src.frame;
    const sizEnd = 4 + f.readUInt16BE(4); // SOC, then SIZ: its length counts from its own length field
    const comment = Buffer.concat([u16be(0), utf16be(`Janet Hostilewood ${ID} 2023:08:17`)]); // Rcme 0: binary
    const eoc = f.lastIndexOf(Buffer.from([0xff, 0xd9]));
    const planted = Buffer.concat([f.subarray(0, sizEnd), jpegSegment(0x64, comment), f.subarray(sizEnd, eoc + 2), utf16le(ID)]);
    expectCleanAndSame(src, planted, '1.2.840.10008.1.2.4.90');
  });

  it('JPEG 2000: a comment marker segment in a tile-part header is blanked, the tile-part keeping its length; the samples stay', () => {
    const src = source('cornerstone3d/CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm');
    const f = src.frame;
    const sot = f.indexOf(Buffer.from([0xff, 0x90]));
    const comment = jpegSegment(0x64, Buffer.concat([u16be(1), ascii(`Janet Hostilewood ${ID}`)])); // Rcme 1: Latin-1 text
    const tilePart = Buffer.from(f.subarray(sot, sot + 12));
    const length = tilePart.readUInt32BE(6);
    if (length !== 0) tilePart.writeUInt32BE(length + comment.length, 6);
    const planted = Buffer.concat([f.subarray(0, sot), tilePart, comment, f.subarray(sot + 12)]);
    expectCleanAndSame(src, planted, '1.2.840.10008.1.2.4.90');
  });

  it('HTJ2K: a comment marker segment is blanked in place, every other byte of the codestream kept', () => {
    const src = source('pydicom-data/HTJ2KLossless_08_RGB.dcm');
    const f = src.frame;
    const sizEnd = 4 + f.readUInt16BE(4);
    const text = utf16le(`Janet Hostilewood ${ID}`);
    const planted = Buffer.concat([f.subarray(0, sizEnd), jpegSegment(0x64, Buffer.concat([u16be(0), text])), f.subarray(sizEnd)]);
    const out = deidentifyFile(withFrame(src, planted), 'htj2k', ctx());
    expect(out.withheld).toBeNull();
    expect(leaks(out.bytes)).toEqual([]);
    const written = Buffer.concat((parsePart10(out.bytes, 'exported').dict['7FE00010']!.Value as ArrayBuffer[]).map((b) => new Uint8Array(b)));
    // A colour frame this app does not decode: the codestream is compared instead, the text of every
    // comment of its main header zeroed (the encoder's own 'OpenJPH Ver' too).
    const expected = Buffer.from(planted);
    for (let p = 2; expected.readUInt16BE(p) !== 0xff90; p += 2 + expected.readUInt16BE(p + 2)) {
      if (expected.readUInt16BE(p) === 0xff64) expected.fill(0, p + 4, p + 2 + expected.readUInt16BE(p + 2));
    }
    expect(written.subarray(0, expected.length).equals(expected)).toBe(true);
  });

  it('JPEG 2000 in a JP2 file (which DICOM forbids): its XML box goes with the wrapper; the samples stay', () => {
    const src = source('pydicom/MR_small_jp2klossless.dcm');
    const sized = (type: string, payload: Buffer) => {
      const b = Buffer.concat([Buffer.alloc(4), ascii(type), payload]);
      b.writeUInt32BE(b.length, 0);
      return b;
    };
    const planted = Buffer.concat([
      sized('jP  ', Buffer.from([0x0d, 0x0a, 0x87, 0x0a])),
      sized('ftyp', Buffer.concat([ascii('jp2 '), Buffer.alloc(4), ascii('jp2 ')])),
      sized('xml ', utf16le(`<patient>Janet Hostilewood ${ID}</patient>`)),
      sized('jp2c', src.frame),
    ]);
    expectCleanAndSame(src, planted, '1.2.840.10008.1.2.4.90');
  });

  it('RLE Lossless: text in the unused offsets of the header and after the last segment goes; the samples stay', () => {
    const src = source('pydicom/MR_small_RLE.dcm');
    const f = src.frame;
    const segments = f.readUInt32LE(0);
    const header = Buffer.from(f.subarray(0, 64));
    utf16le('Hostilewood').copy(header, 4 + 4 * segments);
    const planted = Buffer.concat([header, f.subarray(64), utf16be(`Janet ${ID}`)]);
    expectCleanAndSame(src, planted, '1.2.840.10008.1.2.5');
  });

  it('an Extended Offset Table (the new fragments of the writer would contradict it) does not leave, nor text in it', () => {
    const src = source('pydicom/MR_small_jpeg_ls_lossless.dcm');
    const table = new Uint8Array(Buffer.concat([Buffer.alloc(8), ascii(`${ID}!!!`)])).buffer;
    const bytes = encodePart10Dict(src.meta, {
      ...src.dict,
      '7FE00001': { vr: 'OV', Value: [table] },
      '7FE00002': { vr: 'OV', Value: [new Uint8Array(Buffer.concat([ascii('Hostilewood!'), Buffer.alloc(4)])).buffer] },
    });
    expect(leaks(bytes).length).toBeGreaterThan(0);
    const out = deidentifyFile(bytes, 'offsets', ctx());
    expect(out.withheld).toBeNull();
    expect(leaks(out.bytes)).toEqual([]);
    expect(Object.keys(parsePart10(out.bytes, 'exported').dict).filter((t) => /^7FE0000[123]$/i.test(t))).toEqual([]);
  });

  it('JPEG-LS split over two fragments: the comment in the first goes, and one frame leaves that decodes the same', () => {
    const src = source('pydicom/MR_small_jpeg_ls_lossless.dcm');
    const f = src.frame;
    const planted = Buffer.concat([f.subarray(0, 2), jpegSegment(0xfe, utf16le(`Hostilewood ${ID}`)), f.subarray(2)]);
    const half = planted.length >> 1;
    const bytes = withFrame(src, planted, [planted.subarray(0, half), planted.subarray(half)]);
    expect(parsePart10(bytes, 'split').dict['7FE00010']!.Value).toHaveLength(2);
    const out = deidentifyFile(bytes, 'split', ctx());
    expect(out.withheld).toBeNull();
    expect(leaks(out.bytes)).toEqual([]);
    const [exported, original] = decodedPair(src, out.bytes, '1.2.840.10008.1.2.4.80');
    expect(Buffer.from(exported as Uint8Array).equals(Buffer.from(original as Uint8Array))).toBe(true);
  });
});
