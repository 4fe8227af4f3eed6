import fs from 'node:fs';
import dicomParser, { type DataSet } from 'dicom-parser';
import { AppError } from '@shared/errors';
import { inflateDeflatedDataSet } from '../../dicom/read-header';
import { decodeRleFrame, RLE_LOSSLESS } from '../../dicom/rle-lossless';

/** The transfer syntaxes whose pixels the analysis reads: native (little or big endian, deflated) and RLE Lossless. */
export const ANALYSIS_SYNTAXES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  [RLE_LOSSLESS]: 'RLE Lossless',
};
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** One image file of a CT series, as the index knows it. */
export interface CtSliceFile {
  path: string;
  /** The syntax the index recorded (used to parse a file without a Part 10 header). */
  transferSyntaxUid: string;
}

/** A slice that cannot be read: says which image and why, never hiding the file's path. */
function unreadable(file: CtSliceFile, why: string, code: 'unsupported' | 'io_error' = 'unsupported'): AppError {
  return new AppError(code, `The bone analysis cannot read ${file.path}: ${why}.`);
}

function parse(file: CtSliceFile): DataSet {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file.path);
  } catch (error) {
    throw unreadable(file, `${(error as Error).message}; import the series again if it moved`, 'io_error');
  }
  const hasPreamble = bytes.length >= 132 && bytes.toString('latin1', 128, 132) === 'DICM';
  try {
    return dicomParser.parseDicom(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      ...(hasPreamble ? {} : { TransferSyntaxUID: file.transferSyntaxUid }),
      inflater: inflateDeflatedDataSet,
    } as dicomParser.ParseDicomOptions);
  } catch (error) {
    throw unreadable(file, `it is not a readable DICOM file (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The stored bytes of the (single) frame as native little-endian samples. */
function frameBytes(ds: DataSet, file: CtSliceFile, syntax: string, pixels: number): Uint8Array {
  const element = ds.elements.x7fe00010;
  if (!element) throw unreadable(file, 'it holds no pixel data');
  if (syntax === RLE_LOSSLESS) {
    const fragments = element.fragments ?? [];
    const frame = dicomParser.readEncapsulatedPixelDataFromFragments(ds, element, 0, fragments.length) as Uint8Array;
    const decoded = decodeRleFrame(frame, pixels, 2);
    if (typeof decoded === 'string') throw unreadable(file, decoded);
    return decoded;
  }
  if (element.dataOffset + pixels * 2 > ds.byteArray.length) throw unreadable(file, 'its pixel data is cut short (a truncated file)');
  const native = ds.byteArray.slice(element.dataOffset, element.dataOffset + pixels * 2);
  if (syntax === BIG_ENDIAN) for (let n = 0; n < native.length; n += 2) [native[n], native[n + 1]] = [native[n + 1]!, native[n]!];
  return native;
}

/**
 * Reads one CT slice into `out` (HU, rounded) at `offset`: its stored values (bits stored, sign)
 * times Rescale Slope plus Rescale Intercept. A slice without a rescale, with other than one
 * 16-bit sample per pixel, or of another size than the series is refused, naming the file.
 */
export function readCtSlice(file: CtSliceFile, rows: number, columns: number, out: Int16Array, offset: number): void {
  const ds = parse(file);
  const syntax = (ds.string('x00020010') ?? file.transferSyntaxUid).replace(/\0/g, '').trim() || file.transferSyntaxUid;
  if (!ANALYSIS_SYNTAXES[syntax]) throw unreadable(file, `its pixel data is compressed (${syntax}); decompress the series (e.g. gdcmconv --raw) and import it again`);
  if (ds.uint16('x00280010') !== rows || ds.uint16('x00280011') !== columns) throw unreadable(file, `it is not ${columns} x ${rows} pixels like the rest of the series`);
  if ((ds.uint16('x00280002') ?? 1) !== 1 || (ds.uint16('x00280100') ?? 16) !== 16) throw unreadable(file, 'it is not one 16-bit sample per pixel, as CT images are');
  const slope = ds.floatString('x00281053');
  const intercept = ds.floatString('x00281052');
  if (slope === undefined || intercept === undefined || !Number.isFinite(slope) || !Number.isFinite(intercept) || slope === 0) {
    throw new AppError('unsupported', `The bone analysis needs Hounsfield units, but ${file.path} has no Rescale Slope and Intercept: its values cannot be converted to HU.`);
  }
  const bitsStored = ds.uint16('x00280101') ?? 16;
  const signed = ds.uint16('x00280103') === 1;
  const pixels = rows * columns;
  const bytes = frameBytes(ds, file, syntax, pixels);
  const stored = signed ? new Int16Array(bytes.buffer, bytes.byteOffset, pixels) : new Uint16Array(bytes.buffer, bytes.byteOffset, pixels);
  const mask = (1 << bitsStored) - 1;
  const signBit = 1 << (bitsStored - 1);
  const exact = bitsStored === 16;
  for (let n = 0; n < pixels; n++) {
    let v = stored[n]!;
    // High bits above Bits Stored may hold overlays in old files: mask them, then sign-extend.
    if (!exact) {
      v &= mask;
      if (signed && v & signBit) v -= mask + 1;
    }
    const hu = Math.round(v * slope + intercept);
    out[offset + n] = hu < -32768 ? -32768 : hu > 32767 ? 32767 : hu;
  }
}
