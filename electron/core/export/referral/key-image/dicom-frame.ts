import fs from 'node:fs';
import type { DataSet } from 'dicom-parser';
import dicomParser from '../../../dicom/dicom-parser';
import { inflateDeflatedDataSet } from '../../../dicom/read-header';
import { DECODED_COMPRESSED_SYNTAXES, decodeCompressedFrame } from '../../../dicom/compressed-frame';
import { encapsulatedFrame } from '../../../dicom/encapsulated-frame';
import { frameRescale } from '../../../dicom/enhanced-frames';
import { NATIVE_SYNTAXES, isNativeSyntax, unsupportedSyntaxReason } from './transfer-syntaxes';
import { frameGeometry, type PlaneGeometry } from './frame-geometry';

/** One frame's pixels, as modality values (rescale applied) for greyscale, or RGB bytes. */
export interface DicomFrame {
  rows: number;
  columns: number;
  modality: string;
  photometric: string;
  /** Greyscale: modality values (e.g. HU); null for colour. */
  values: Float32Array | null;
  /** Colour: RGB bytes, interleaved; null for greyscale. */
  rgb: Uint8Array | null;
  /** The first window of the file (0028,1050/1051), if any. */
  fileWindow: { center: number; width: number } | null;
  geometry: PlaneGeometry | null;
  /** The file says Burned In Annotation (0028,0301) is YES: text in the pixels may identify the patient. */
  burnedInAnnotation: boolean;
}

/**
 * A frame, or why there is none. The reason never names the file: a PACS export names folders by
 * patient. When the file itself could not be read, fileError adds its path and the system's message.
 */
export type FrameRead = { ok: true; frame: DicomFrame } | { ok: false; reason: string; fileError?: string };

function parse(bytes: Uint8Array): DataSet {
  return dicomParser.parseDicom(bytes, {
    // Deflated Explicit VR Little Endian: the data set after the meta information is raw deflate (inflated within a bound).
    inflater: inflateDeflatedDataSet,
  } as dicomParser.ParseDicomOptions);
}

/** Reads stored values of one frame's bytes, honouring bits allocated/stored, sign and byte order. */
function storedValues(ds: DataSet, bytes: Uint8Array, count: number, bigEndian: boolean): Float32Array | string {
  const bitsAllocated = ds.uint16('x00280100') ?? 16;
  const bitsStored = ds.uint16('x00280101') ?? bitsAllocated;
  // The value is the Bits Stored bits ending at High Bit (PS3.5 8.1.1), not always at bit 0.
  const low = Math.max(0, (ds.uint16('x00280102') ?? bitsStored - 1) - bitsStored + 1);
  const signed = ds.uint16('x00280103') === 1;
  if (bitsAllocated !== 8 && bitsAllocated !== 16) return `${bitsAllocated} bits allocated per sample are not drawn (8 or 16 are)`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * (bitsAllocated / 8));
  const out = new Float32Array(count);
  const mask = bitsStored >= 32 ? 0xffffffff : (1 << bitsStored) - 1;
  const signBit = 1 << (bitsStored - 1);
  for (let i = 0; i < count; i++) {
    let v = bitsAllocated === 8 ? view.getUint8(i) : view.getUint16(i * 2, !bigEndian);
    v = (v >>> low) & mask;
    // Sign-extend from the stored bits, not from the allocated ones.
    if (signed && v & signBit) v -= mask + 1;
    out[i] = v;
  }
  return out;
}

/** The bytes of one greyscale frame of encapsulated pixel data, decoded (decodeCompressedFrame), or why not. */
function decodedFrame(ds: DataSet, syntax: string, frameNumber: number, frames: number, pixels: number, bytesPerSample: number): Uint8Array | string {
  const frame = encapsulatedFrame(ds, frameNumber, frames);
  return typeof frame === 'string' ? frame : decodeCompressedFrame(syntax, frame, pixels, bytesPerSample);
}

/**
 * Reads one frame of a DICOM file with native (uncompressed) pixel data (implicit or explicit
 * little endian, deflated, or explicit big endian), or a greyscale one compressed as RLE or JPEG
 * Lossless. Anything else is refused with the reason.
 * @param frameNumber - 1-based
 */
export function readDicomFrame(filePath: string, frameNumber = 1): FrameRead {
  let ds: DataSet;
  try {
    const bytes = fs.readFileSync(filePath);
    ds = parse(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    return { ok: false, reason: 'the image file could not be read', fileError: `${filePath} (${(error as Error).message ?? String(error)})` };
  }
  const syntax = (ds.string('x00020010') ?? '').replace(/\0/g, '').trim();
  const compressed = !isNativeSyntax(syntax);
  if (compressed && !(syntax in DECODED_COMPRESSED_SYNTAXES)) return { ok: false, reason: unsupportedSyntaxReason(syntax) };
  const pixels = ds.elements.x7fe00010;
  if (!pixels) return { ok: false, reason: 'the instance holds no pixel data' };
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const samples = ds.uint16('x00280002') ?? 1;
  const photometric = (ds.string('x00280004') ?? 'MONOCHROME2').trim();
  const bytesPerSample = (ds.uint16('x00280100') ?? 16) / 8;
  const frames = Math.max(1, ds.intString('x00280008') ?? 1);
  if (rows === 0 || columns === 0) return { ok: false, reason: 'the image has no rows or columns' };
  if (frameNumber < 1 || frameNumber > frames) return { ok: false, reason: `frame ${frameNumber} does not exist (the instance has ${frames})` };
  const frameBytes = rows * columns * samples * bytesPerSample;
  const offset = pixels.dataOffset + (frameNumber - 1) * frameBytes;
  if (!compressed && offset + frameBytes > ds.byteArray.length) return { ok: false, reason: 'the pixel data ends before the frame does (truncated file)' };
  const burnedInAnnotation = (ds.string('x00280301') ?? '').trim().toUpperCase() === 'YES';
  const common = { rows, columns, modality: (ds.string('x00080060') ?? '').trim(), photometric, geometry: frameGeometry(ds, frameNumber), burnedInAnnotation };

  if (compressed && (samples !== 1 || !photometric.startsWith('MONOCHROME'))) return { ok: false, reason: unsupportedSyntaxReason(syntax) };
  if (samples === 3 && photometric === 'RGB' && bytesPerSample === 1) {
    const planar = ds.uint16('x00280006') === 1;
    const src = ds.byteArray.subarray(offset, offset + frameBytes);
    const rgb = new Uint8Array(rows * columns * 3);
    const n = rows * columns;
    for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) rgb[i * 3 + c] = planar ? src[c * n + i]! : src[i * 3 + c]!;
    return { ok: true, frame: { ...common, values: null, rgb, fileWindow: null } };
  }
  if (samples !== 1 || !photometric.startsWith('MONOCHROME')) {
    return { ok: false, reason: `${photometric} images with ${samples} samples per pixel are not drawn (greyscale and RGB are)` };
  }
  const bytes = compressed ? decodedFrame(ds, syntax, frameNumber, frames, rows * columns, bytesPerSample) : ds.byteArray.subarray(offset, offset + frameBytes);
  if (typeof bytes === 'string') return { ok: false, reason: bytes };
  const stored = storedValues(ds, bytes, rows * columns, syntax === NATIVE_SYNTAXES.explicitBig);
  if (typeof stored === 'string') return { ok: false, reason: stored };
  // An enhanced object rescales each frame in its functional groups (Pixel Value Transformation).
  const { slope, intercept } = frameRescale(ds, frameNumber) ?? { slope: ds.floatString('x00281053') ?? 1, intercept: ds.floatString('x00281052') ?? 0 };
  for (let i = 0; i < stored.length; i++) stored[i] = stored[i]! * slope + intercept;
  const center = ds.floatString('x00281050');
  const width = ds.floatString('x00281051');
  return { ok: true, frame: { ...common, values: stored, rgb: null, fileWindow: center !== undefined && width !== undefined && width > 0 ? { center, width } : null } };
}
