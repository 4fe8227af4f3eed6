import { seriesGeometry } from '@shared/dicom/series-geometry';
import { readIndexedFile } from '../../index/indexed-file';
import type { StudyInstance } from '../../index/instance-queries';
import { parsePart10 } from '../dicom/part10-io';
import { keepStoredBits, storedBitsOf } from '../dicom/stored-bits';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../dicom/uids';
import { slicePosition, sliceGeometryOf, sliceNormal, type SliceGeometry } from '../seg/slice-geometry';
import type { VolumeGeometry } from './affine';
import type { NiftiType } from './nifti1';

/** A series' pixels stacked in spatial order, with the geometry of the stack. */
export interface SeriesVolume {
  dims: [number, number, number];
  type: NiftiType;
  data: Int16Array | Uint16Array | Uint8Array | Float32Array;
  scaleSlope: number;
  scaleIntercept: number;
  /** Slices in spatial order (voxel k is slices[k]). */
  slices: SliceGeometry[];
  geometry: VolumeGeometry;
  /** Images of another orientation (a localiser) left out of the volume, named for the reader, or null. */
  leftOut: string | null;
}

/** Syntaxes whose pixel data dcmjs hands over little endian and uncompressed. */
const NATIVE = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]);

const num = (v: unknown, fallback: number) => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isFinite(n) ? n : fallback;
};

/** The images of a series that make its stack (a localiser of another orientation left out), and why the others are not in it. */
interface StackedImages {
  stacked: StudyInstance[];
  leftOut: string | null;
  irregular: string | null;
}

function stackedImages(instances: readonly StudyInstance[]): StackedImages {
  const stack = seriesGeometry(instances.map((i, n) => ({ ...i, id: n + 1, instanceNumber: null })));
  // One affine places every slice only on a regular stack: a gap, uneven steps or a second
  // orientation of comparable size would put slices millimetres from where they were scanned.
  const irregular = stack.warnings.filter((w) => w.code !== 'too-few-slices' && w.code !== 'other-orientation-left-out');
  const leftOut = stack.warnings.find((w) => w.code === 'other-orientation-left-out')?.message ?? null;
  const out = new Set(stack.leftOut);
  return {
    stacked: instances.filter((_, n) => !out.has(n + 1)),
    leftOut,
    irregular: irregular.length > 0 ? `the slices are not one regular stack (${irregular.map((w) => w.message).join(' ')})` : null,
  };
}

function stackProblem(instances: readonly StudyInstance[], irregular: string | null): string | null {
  if (instances.length === 0) return 'the series has no images';
  const compressed = instances.find((i) => !NATIVE.has(i.transferSyntaxUid));
  if (compressed) return `compressed or big-endian pixel data (${compressed.transferSyntaxUid}); the NIfTI writer reads native little-endian pixels only`;
  const slices = instances.map(sliceGeometryOf);
  if (slices.some((g) => !g)) return 'an image lacks patient geometry or has several frames';
  const first = slices[0]!;
  if (slices.some((s) => s!.rows !== first.rows || s!.columns !== first.columns)) return 'images differ in size';
  if (slices.some((s) => s!.spacing[0] !== first.spacing[0] || s!.spacing[1] !== first.spacing[1])) return 'images differ in pixel spacing';
  return irregular;
}

/**
 * Why a series cannot be stacked into a NIfTI volume, from what the index knows (no pixel is read),
 * or null when it can be tried. A localiser of another orientation is left out, not a problem.
 */
export function volumeProblem(instances: readonly StudyInstance[]): string | null {
  if (instances.length === 0) return 'the series has no images';
  const { stacked, irregular } = stackedImages(instances);
  return stackProblem(stacked, irregular);
}

/**
 * Reads a series of single-frame, uncompressed, little-endian images of one grid into a volume;
 * returns the reason instead when the series cannot be stacked.
 */
export function readSeriesVolume(instances: readonly StudyInstance[]): SeriesVolume | { skipped: string } {
  if (instances.length === 0) return { skipped: 'the series has no images' };
  const { stacked, leftOut, irregular } = stackedImages(instances);
  const problem = stackProblem(stacked, irregular);
  if (problem) return { skipped: problem };
  const pairs = stacked.map((i) => ({ instance: i, g: sliceGeometryOf(i)! }));
  pairs.sort((a, b) => slicePosition(a.g) - slicePosition(b.g));
  const slices = pairs.map((p) => p.g);
  const first = slices[0]!;
  const frame = first.rows * first.columns;
  const raw: { pixels: Int16Array | Uint16Array | Uint8Array; slope: number; intercept: number }[] = [];
  for (const { instance } of pairs) {
    const dict = parsePart10(readIndexedFile(instance), instance.filePath).dict;
    const bits = num(dict['00280100']?.Value, 16);
    const signed = num(dict['00280103']?.Value, 0) === 1;
    const buffer = dict['7FE00010']?.Value?.[0] as ArrayBuffer | undefined;
    if (!buffer || num(dict['00280002']?.Value, 1) !== 1) return { skipped: 'pixel data missing or not single-sample' };
    const bytes = new Uint8Array(buffer.slice(0, frame * (bits === 8 ? 1 : 2)));
    // Only the stored bits: the others may hold a retired embedded overlay (text, often the name).
    keepStoredBits(bytes, storedBitsOf(dict));
    const pixels = bits === 8 ? bytes : signed ? new Int16Array(bytes.buffer) : new Uint16Array(bytes.buffer);
    raw.push({ pixels, slope: num(dict['00281053']?.Value, 1), intercept: num(dict['00281052']?.Value, 0) });
  }
  const same = raw.every((r) => r.slope === raw[0]!.slope && r.intercept === raw[0]!.intercept && r.pixels.constructor === raw[0]!.pixels.constructor);
  const n = slices.length;
  let data: SeriesVolume['data'];
  let type: NiftiType;
  if (same) {
    const Ctor = raw[0]!.pixels.constructor as Int16ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor;
    data = new Ctor(frame * n);
    raw.forEach((r, k) => data.set(r.pixels, k * frame));
    type = raw[0]!.pixels instanceof Int16Array ? 'int16' : raw[0]!.pixels instanceof Uint16Array ? 'uint16' : 'uint8';
  } else {
    // Slices rescaled differently: store the real values.
    data = new Float32Array(frame * n);
    raw.forEach((r, k) => r.pixels.forEach((v, i) => ((data as Float32Array)[k * frame + i] = v * r.slope + r.intercept)));
    type = 'float32';
  }
  const last = slices[n - 1]!;
  const step: [number, number, number] =
    n > 1 ? [0, 1, 2].map((a) => (last.origin[a]! - first.origin[a]!) / (n - 1)) as [number, number, number] : sliceNormal(first);
  return {
    dims: [first.columns, first.rows, n],
    type,
    data,
    scaleSlope: same ? raw[0]!.slope : 0,
    scaleIntercept: same ? raw[0]!.intercept : 0,
    slices,
    geometry: { position: first.origin, rowDirection: first.rowDirection, columnDirection: first.columnDirection, spacing: first.spacing, sliceStep: step },
    leftOut,
  };
}
