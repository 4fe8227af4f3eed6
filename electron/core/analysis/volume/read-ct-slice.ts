import fs from 'node:fs';
import type { DataSet } from 'dicom-parser';
import dicomParser from '../../dicom/dicom-parser';
import { AppError } from '@shared/errors';
import { inflateDeflatedDataSet } from '../../dicom/read-header';
import { DECODED_COMPRESSED_SYNTAXES, decodeCompressedFrame } from '../../dicom/compressed-frame';
import { encapsulatedFrame } from '../../dicom/encapsulated-frame';
import type { Rescale } from '../../dicom/enhanced-frames';
import { declaredPaddingMask, markBorderPadding } from './border-padding';
import { NOT_IMAGED_HU } from './not-imaged';
import { LINK_CHANGE, openImportedFile } from '../../index/indexed-file';

/** The transfer syntaxes whose pixels the analysis reads: native (little or big endian, deflated) and the compressions decodeCompressedFrame reads. */
export const ANALYSIS_SYNTAXES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  ...DECODED_COMPRESSED_SYNTAXES,
};
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** One image file of a CT series, as the index knows it. */
export interface CtSliceFile {
  path: string;
  /** Size and modification time recorded at import: a file that differs now is not read. */
  size: number;
  mtimeMs: number;
  /** The syntax the index recorded (used to parse a file without a Part 10 header). */
  transferSyntaxUid: string;
  /** Which frame of the file's `framesInFile` is the slice (1-based); 1 of 1 for a single-frame image. */
  frameNumber: number;
  framesInFile: number;
  /** The frame's own rescale (an enhanced CT's Pixel Value Transformation); null: the file's top-level one. */
  rescale: Rescale | null;
}

/** A slice that names its frame when its file holds several. */
const sliceName = (file: CtSliceFile) => (file.framesInFile > 1 ? `frame ${file.frameNumber} of ${file.path}` : file.path);

/** A slice that cannot be read: says which image and why, never hiding the file's path. */
function unreadable(file: CtSliceFile, why: string, code: 'unsupported' | 'io_error' | 'not_found' | 'conflict' = 'unsupported'): AppError {
  return new AppError(code, `The bone analysis cannot read ${sliceName(file)}: ${why}.`);
}

/**
 * The bytes of every slice go into one buffer, reused from file to file (a slice is converted
 * before the next is read): a fresh half-megabyte buffer per slice cost more in page faults and
 * garbage collection than the reading itself.
 */
let scratch = Buffer.alloc(0);

/** Reads a whole file into the scratch buffer; returns the view of its bytes. */
function readWhole(file: CtSliceFile): Uint8Array {
  // The same check as serving an image (openIndexedFile): the analysis never reads a file that is
  // not the one imported, and says so in the same words.
  const opened = openImportedFile(file.path, file.size, file.mtimeMs);
  if (!opened.ok && opened.why === 'gone') throw unreadable(file, 'it was moved, deleted or cannot be read since it was imported: import its folder again', 'not_found');
  if (!opened.ok) throw unreadable(file, `it changed since import${opened.why === 'link' ? LINK_CHANGE : ''}: import its folder again`, 'conflict');
  const { fd } = opened;
  try {
    const size = file.size;
    if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, 2 * scratch.length));
    let done = 0;
    while (done < size) {
      const read = fs.readSync(fd, scratch, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    return new Uint8Array(scratch.buffer, scratch.byteOffset, done);
  } catch (error) {
    throw unreadable(file, `${(error as Error).message}; import the series again if it moved`, 'io_error');
  } finally {
    fs.closeSync(fd);
  }
}

/** The data set last parsed, while the scratch buffer still holds its file: the frames of an enhanced CT are read from one parse. */
let lastParsed: { file: CtSliceFile; ds: DataSet } | null = null;

/** Forgets the data set last parsed: a new reading checks its first frame's file against the index again. */
export function forgetParsedFile(): void {
  lastParsed = null;
}

function parse(file: CtSliceFile): DataSet {
  const last = lastParsed;
  if (last && last.file.path === file.path && last.file.size === file.size && last.file.mtimeMs === file.mtimeMs && file.framesInFile > 1) return last.ds;
  lastParsed = null;
  const ds = parseWhole(file);
  lastParsed = { file, ds };
  return ds;
}

function parseWhole(file: CtSliceFile): DataSet {
  const bytes = readWhole(file);
  const hasPreamble = bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
  try {
    return dicomParser.parseDicom(bytes, {
      ...(hasPreamble ? {} : { TransferSyntaxUID: file.transferSyntaxUid }),
      inflater: inflateDeflatedDataSet,
    } as dicomParser.ParseDicomOptions);
  } catch (error) {
    throw unreadable(file, `it is not a readable DICOM file (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The stored bytes of the slice's frame as native little-endian samples. */
function frameBytes(ds: DataSet, file: CtSliceFile, syntax: string, pixels: number): Uint8Array {
  const element = ds.elements.x7fe00010;
  if (!element) throw unreadable(file, 'it holds no pixel data');
  if (syntax in DECODED_COMPRESSED_SYNTAXES) {
    const frame = encapsulatedFrame(ds, file.frameNumber, file.framesInFile);
    const decoded = typeof frame === 'string' ? frame : decodeCompressedFrame(syntax, frame, pixels, 2);
    if (typeof decoded === 'string') throw unreadable(file, decoded);
    return decoded;
  }
  const from = element.dataOffset + (file.frameNumber - 1) * pixels * 2;
  if (from + pixels * 2 > ds.byteArray.length) throw unreadable(file, 'its pixel data is cut short (a truncated file)');
  const start = ds.byteArray.byteOffset + from;
  // Little-endian samples at an even address are read where they lie; others are copied (and swapped).
  if (syntax !== BIG_ENDIAN && start % 2 === 0) return new Uint8Array(ds.byteArray.buffer, start, pixels * 2);
  const native = ds.byteArray.slice(from, from + pixels * 2);
  if (syntax === BIG_ENDIAN) for (let n = 0; n < native.length; n += 2) [native[n], native[n + 1]] = [native[n + 1]!, native[n]!];
  return native;
}

/**
 * Reads one CT slice into `out` (HU, rounded) at `offset`: its stored values (bits stored, sign)
 * times Rescale Slope plus Rescale Intercept; its padding (the declared Pixel Padding Value, or HU
 * at or below -2000) where it reaches the image's border as NOT_IMAGED_HU, never as the air or
 * tissue its value would convert to. A slice without a rescale, with other than one
 * 16-bit sample per pixel, or of another size than the series is refused, naming the file.
 */
export function readCtSlice(file: CtSliceFile, rows: number, columns: number, out: Int16Array, offset: number): void {
  const ds = parse(file);
  const syntax = (ds.string('x00020010') ?? file.transferSyntaxUid).replace(/\0/g, '').trim() || file.transferSyntaxUid;
  if (!ANALYSIS_SYNTAXES[syntax]) throw unreadable(file, `its pixel data is compressed (${syntax}); decompress the series (e.g. gdcmconv --raw) and import it again`);
  if (ds.uint16('x00280010') !== rows || ds.uint16('x00280011') !== columns) throw unreadable(file, `it is not ${columns} x ${rows} pixels like the rest of the series`);
  if ((ds.uint16('x00280002') ?? 1) !== 1 || (ds.uint16('x00280100') ?? 16) !== 16) throw unreadable(file, 'it is not one 16-bit sample per pixel, as CT images are');
  const slope = file.rescale?.slope ?? ds.floatString('x00281053');
  const intercept = file.rescale?.intercept ?? ds.floatString('x00281052');
  if (slope === undefined || intercept === undefined || !Number.isFinite(slope) || !Number.isFinite(intercept) || slope === 0) {
    throw new AppError('unsupported', `The bone analysis needs Hounsfield units, but ${sliceName(file)} has no Rescale Slope and Intercept: its values cannot be converted to HU.`);
  }
  const bitsStored = ds.uint16('x00280101') ?? 16;
  // The value is the Bits Stored bits ending at High Bit (PS3.5 8.1.1): not always at bit 0.
  const low = Math.max(0, (ds.uint16('x00280102') ?? bitsStored - 1) - bitsStored + 1);
  const signed = ds.uint16('x00280103') === 1;
  const pixels = rows * columns;
  const bytes = frameBytes(ds, file, syntax, pixels);
  const layout = { bitsStored, low, signed, padding: paddingRange(ds, signed, bitsStored) };
  const declared = layout.padding ? declaredPaddingMask(pixels) : null;
  if (signed) storedToHu(new Int16Array(bytes.buffer, bytes.byteOffset, pixels), layout, slope, intercept, out, offset, declared);
  else storedToHu(new Uint16Array(bytes.buffer, bytes.byteOffset, pixels), layout, slope, intercept, out, offset, declared);
  markBorderPadding(out, offset, rows, columns, declared);
}

/**
 * The stored values a slice declares as padding (Pixel Padding Value, to Pixel Padding Range Limit
 * when given), or null. They have the sign of Pixel Representation (PS3.3 C.7.5.1.1.2) and are
 * compared with the stored values before rescale, so a signed one is read in Bits Stored bits:
 * a 12-bit image's -1024 comes written as 16 bits (US 64512, SS -1024) or in its 12 (US 3072).
 */
function paddingRange(ds: DataSet, signed: boolean, bitsStored: number): [number, number] | null {
  const value = ds.uint16('x00280120');
  if (value === undefined) return null;
  const limit = ds.uint16('x00280121') ?? value;
  const [low, high] = [asStoredValue(value, signed, bitsStored), asStoredValue(limit, signed, bitsStored)];
  return [Math.min(low, high), Math.max(low, high)];
}

/**
 * A signed padding word as a stored value: as 16 bits when it fits Bits Stored that way, else as its
 * Bits Stored bits when written in them; a word neither way (NaN) is no stored value and pads nothing.
 */
function asStoredValue(word: number, signed: boolean, bitsStored: number): number {
  if (!signed) return word;
  const half = 2 ** (Math.min(16, bitsStored) - 1);
  const as16 = (word << 16) >> 16;
  if (as16 >= -half && as16 < half) return as16;
  const shift = 32 - bitsStored;
  return word < 2 * half ? (word << shift) >> shift : Number.NaN;
}

/**
 * Stored values to HU: the Bits Stored bits from `low` up taken (old files keep overlays in the
 * others), the sign extended from the stored bits, then slope and intercept; results outside
 * Int16 are clamped, above NOT_IMAGED_HU, which only padding is read as. `declared` is set, for
 * every pixel, to whether it holds the declared padding.
 */
function storedToHu(
  stored: Int16Array | Uint16Array,
  layout: { bitsStored: number; low: number; signed: boolean; padding: [number, number] | null },
  slope: number,
  intercept: number,
  out: Int16Array,
  offset: number,
  declared: Uint8Array | null,
): void {
  const { bitsStored, low, signed, padding } = layout;
  const shift = 32 - bitsStored;
  const mask = bitsStored >= 16 ? 0xffff : (1 << bitsStored) - 1;
  const count = stored.length;
  const lowest = (signed ? -(mask + 1) / 2 : 0) + intercept;
  const highest = (signed ? (mask - 1) / 2 : mask) + intercept;
  if (slope === 1 && Number.isInteger(intercept) && lowest > NOT_IMAGED_HU && highest <= 32767) {
    // The usual CT: whole HU by an integer shift, no rounding, no clamping needed.
    if (signed) for (let n = 0; n < count; n++) out[offset + n] = (((stored[n]! >>> low) << shift) >> shift) + intercept;
    else for (let n = 0; n < count; n++) out[offset + n] = ((stored[n]! >>> low) & mask) + intercept;
  } else {
    const lowestImaged = NOT_IMAGED_HU + 1;
    for (let n = 0; n < count; n++) {
      const v = signed ? ((stored[n]! >>> low) << shift) >> shift : (stored[n]! >>> low) & mask;
      const hu = Math.round(v * slope + intercept);
      out[offset + n] = hu < lowestImaged ? lowestImaged : hu > 32767 ? 32767 : hu;
    }
  }
  if (!padding || !declared) return;
  const [padLow, padHigh] = padding;
  for (let n = 0; n < count; n++) {
    const v = signed ? ((stored[n]! >>> low) << shift) >> shift : (stored[n]! >>> low) & mask;
    declared[n] = v >= padLow && v <= padHigh ? 1 : 0;
  }
}
