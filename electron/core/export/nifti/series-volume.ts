import { allowedMisplacementMm } from '@shared/dicom/position-precision';
import { seriesGeometry } from '@shared/dicom/series-geometry';
import { readIndexedFile } from '../../index/indexed-file';
import { IndexedFileFrames } from '../../index/indexed-file-frames';
import { seriesFrames, type SeriesFrame } from '../../dicom/series-frames';
import type { StudyInstance } from '../../index/instance-queries';
import { DECODED_COMPRESSED_SYNTAXES, decodeCompressedFrame } from '../../dicom/compressed-frame';
import { parsePart10 } from '../dicom/part10-io';
import { toStoredValues } from '@shared/dicom/stored-values';
import { storedBitsOf } from '../dicom/stored-bits';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from '../dicom/uids';
import { slicePosition, sliceGeometryOf, sliceNormal, type SliceGeometry } from '../seg/slice-geometry';
import type { VolumeGeometry } from './affine';
import type { NiftiType } from './nifti1';

/** A series' pixels stacked in spatial order, with the geometry of the stack. */
export interface SeriesVolume {
  dims: [number, number, number];
  type: NiftiType;
  data: StoredSamples | Float32Array;
  scaleSlope: number;
  scaleIntercept: number;
  /** Slices in spatial order (voxel k is slices[k]). */
  slices: SliceGeometry[];
  geometry: VolumeGeometry;
  /** Images of another orientation (a localiser) left out of the volume, named for the reader, or null. */
  leftOut: string | null;
}

/** The sample arrays a native single-sample image is read into. */
type StoredSamples = Int32Array | Uint32Array | Int16Array | Uint16Array | Uint8Array | Int8Array;
type SamplesConstructor = Int32ArrayConstructor | Uint32ArrayConstructor | Int16ArrayConstructor | Uint16ArrayConstructor | Uint8ArrayConstructor | Int8ArrayConstructor;

/**
 * How samples of Bits Allocated and Pixel Representation (1: two's complement) are read, and the
 * NIfTI datatype that holds them as stored.
 */
const SAMPLE_LAYOUTS: Readonly<Record<string, { array: SamplesConstructor; type: NiftiType }>> = {
  '8/0': { array: Uint8Array, type: 'uint8' },
  '8/1': { array: Int8Array, type: 'int8' },
  '16/0': { array: Uint16Array, type: 'uint16' },
  '16/1': { array: Int16Array, type: 'int16' },
  '32/0': { array: Uint32Array, type: 'uint32' },
  '32/1': { array: Int32Array, type: 'int32' },
};

/** Syntaxes whose pixel data dcmjs hands over little endian and uncompressed. */
const NATIVE = new Set([IMPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN]);
const readable = (syntax: string) => NATIVE.has(syntax) || syntax in DECODED_COMPRESSED_SYNTAXES;

const num = (v: unknown, fallback: number) => {
  const n = Number(Array.isArray(v) ? v[0] : v);
  return Number.isFinite(n) ? n : fallback;
};

/** The images of a series that make its stack (a localiser of another orientation left out), and why the others are not in it. */
interface StackedImages<T extends StudyInstance = StudyInstance> {
  stacked: T[];
  leftOut: string | null;
  /** What refuses the stack whatever its slices' places (a gap, a second orientation of comparable size). */
  irregular: string[];
  /** The series geometry's word on uneven steps, if any: judged by where the affine puts each slice. */
  unevenSteps: string | null;
  spacingMm: number | null;
}

function stackedImages<T extends StudyInstance>(instances: readonly T[]): StackedImages<T> {
  const stack = seriesGeometry(instances.map((i, n) => ({ ...i, id: n + 1, instanceNumber: null })));
  // One affine places every slice only on a regular stack: a gap, uneven steps or a second
  // orientation of comparable size would put slices millimetres from where they were scanned.
  // Uneven steps are judged by where the affine puts each slice (stackProblem), as dcm2niix converts them.
  const irregular = stack.warnings.filter((w) => w.code !== 'too-few-slices' && w.code !== 'other-orientation-left-out' && w.code !== 'irregular-spacing');
  const leftOut = stack.warnings.find((w) => w.code === 'other-orientation-left-out')?.message ?? null;
  const out = new Set(stack.leftOut);
  return {
    stacked: instances.filter((_, n) => !out.has(n + 1)),
    leftOut,
    irregular: irregular.map((w) => w.message),
    unevenSteps: stack.warnings.find((w) => w.code === 'irregular-spacing')?.message ?? null,
    spacingMm: stack.spacingMm,
  };
}

/** Why the pixel data of some image is not read here (compressed otherwise, or big endian), or null. */
function unreadableSyntax(instances: readonly StudyInstance[]): string | null {
  const compressed = instances.find((i) => !readable(i.transferSyntaxUid));
  if (!compressed) return null;
  const decoded = Object.values(DECODED_COMPRESSED_SYNTAXES).join(', ');
  return `compressed or big-endian pixel data (${compressed.transferSyntaxUid}); the NIfTI writer reads native little-endian pixels and ${decoded} only`;
}

function stackProblem(instances: readonly StudyInstance[], stack: StackedImages): string | null {
  if (instances.length === 0) return 'the series has no images';
  const syntax = unreadableSyntax(instances);
  if (syntax) return syntax;
  const slices = instances.map(sliceGeometryOf);
  if (slices.some((g) => !g)) return 'an image lacks patient geometry or has several frames';
  const first = slices[0]!;
  if (slices.some((s) => s!.rows !== first.rows || s!.columns !== first.columns)) return 'images differ in size';
  if (slices.some((s) => s!.spacing[0] !== first.spacing[0] || s!.spacing[1] !== first.spacing[1])) return 'images differ in pixel spacing';
  // Steps uneven only by the rounding of Image Position (Patient) (often to 0.1 mm) leave every
  // slice near where the affine puts it: what matters for one affine is that distance.
  const irregular = [...stack.irregular];
  if (irregular.length === 0) {
    const spatial = [...slices].sort((a, b) => slicePosition(a!) - slicePosition(b!)) as SliceGeometry[];
    const misplaced = largestMisplacementMm(spatial);
    const allowed = allowedMisplacementMm(stack.spacingMm ?? 0);
    if (misplaced > allowed) irregular.push(`${stack.unevenSteps ?? ''} One affine would put a slice ${misplaced.toFixed(2)} mm from its position (at most ${allowed.toFixed(2)} allowed).`.trim());
  }
  if (irregular.length > 0) return `the slices are not one regular stack (${irregular.join(' ')})`;
  return null;
}

/**
 * Why a series cannot be stacked into a NIfTI volume, from what the index knows (no pixel is read),
 * or null when it can be tried. A localiser of another orientation is left out, not a problem.
 * @param frames - the export's frames of multi-frame files, kept for its NIfTI writer (readSeriesVolume)
 */
export function volumeProblem(series: readonly StudyInstance[], frames: IndexedFileFrames = new IndexedFileFrames()): string | null {
  if (series.length === 0) return 'the series has no images';
  // The frames of a multi-frame image are placed in its functional groups, which the index does not
  // keep: its header is read (no pixel is decoded). Syntaxes are judged on the stacked images only:
  // a localiser left out may be stored in one the writer does not read.
  let instances: ReturnType<typeof seriesSlices>;
  try {
    instances = seriesSlices(series, frames);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if ('refused' in instances) return instances.refused;
  const stack = stackedImages(instances);
  return stackProblem(stack.stacked, stack);
}

/**
 * A series' slices: its single-frame images, and each frame of its multi-frame ones from `frames`
 * (read from `fileOf` when not known yet); or why a multi-frame image is not one stack.
 */
function seriesSlices(series: readonly StudyInstance[], frames: IndexedFileFrames, fileOf?: (instance: StudyInstance) => Uint8Array): SeriesFrame<StudyInstance>[] | { refused: string } {
  return seriesFrames(series, (instance, count) => frames.of(instance, count, fileOf && (() => fileOf(instance))));
}

/**
 * The step of a regular stack through the first and last slices (spatial order); for a single
 * slice, the normal times its thickness (as dcm2niix takes it), 1 mm when none is recorded.
 */
function stackStep(spatial: readonly SliceGeometry[], singleSliceThicknessMm: number | null = null): [number, number, number] {
  const first = spatial[0]!;
  const last = spatial[spatial.length - 1]!;
  const n = spatial.length;
  if (n > 1) return [0, 1, 2].map((a) => (last.origin[a]! - first.origin[a]!) / (n - 1)) as [number, number, number];
  const depth = singleSliceThicknessMm !== null && singleSliceThicknessMm > 0 ? singleSliceThicknessMm : 1;
  return sliceNormal(first).map((v) => v * depth) as [number, number, number];
}

/** The largest distance (mm) between a slice's position and where that step puts it. */
function largestMisplacementMm(spatial: readonly SliceGeometry[]): number {
  const step = stackStep(spatial);
  const first = spatial[0]!.origin;
  return Math.max(0, ...spatial.map((s, k) => Math.hypot(...[0, 1, 2].map((a) => s.origin[a]! - (first[a]! + k * step[a]!)))));
}

/**
 * The compressed bytes of one frame as dcmjs reads encapsulated Pixel Data: every fragment for a
 * single frame; with a Basic Offset Table, one entry (a buffer, or its fragments) per frame; without
 * one, one fragment per frame is the only way frames can be told apart.
 */
function compressedFrameBuffers(value: unknown[], frameNumber: number, framesInFile: number): ArrayBuffer[] | string {
  const buffers = (entry: unknown) => [entry].flat().filter((v): v is ArrayBuffer => v instanceof ArrayBuffer);
  if (framesInFile === 1) return value.flatMap(buffers);
  if (value.length === framesInFile) return buffers(value[frameNumber - 1]);
  return `${value.length} compressed fragments for ${framesInFile} frames and no Basic Offset Table: which fragments make frame ${frameNumber} is unknown`;
}

/**
 * One frame's samples as native little-endian bytes (a copy, free to change), from its image's
 * Pixel Data as dcmjs reads it: one buffer of every frame, or fragments when compressed.
 * @param frameNumber - 1-based, of the `framesInFile` frames of the image
 */
function samplesOf(value: unknown[] | undefined, syntax: string, pixels: number, bytesPerSample: number, frameNumber: number, framesInFile: number): Uint8Array | string {
  const length = pixels * bytesPerSample;
  if (NATIVE.has(syntax)) {
    const data = (value ?? []).find((v): v is ArrayBuffer => v instanceof ArrayBuffer);
    if (!data) return 'no pixel data';
    const end = frameNumber * length;
    if (data.byteLength < end) return `pixel data of ${data.byteLength} bytes, short of the ${end} its frames, rows, columns and Bits Allocated need`;
    return new Uint8Array(data.slice(end - length, end));
  }
  const buffers = compressedFrameBuffers(value ?? [], frameNumber, framesInFile);
  if (typeof buffers === 'string') return buffers;
  if (buffers.length === 0) return 'no pixel data';
  const frame = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  buffers.reduce((at, b) => (frame.set(new Uint8Array(b), at), at + b.byteLength), 0);
  const decoded = decodeCompressedFrame(syntax, frame, pixels, bytesPerSample);
  // Its own buffer of exactly the frame, at offset 0: the sample arrays are made over the whole buffer.
  return typeof decoded === 'string' ? decoded : decoded.slice();
}

/**
 * Reads a series of single-frame images (native little endian, or compressed as decodeCompressedFrame reads) of one grid into a volume;
 * returns the reason instead when the series cannot be stacked.
 * @param frames - the export's frames of multi-frame files (volumeProblem may have read them already)
 */
export function readSeriesVolume(series: readonly StudyInstance[], frames: IndexedFileFrames = new IndexedFileFrames()): SeriesVolume | { skipped: string } {
  if (series.length === 0) return { skipped: 'the series has no images' };
  // A multi-frame image is read once for its pixels, and for its header too when `frames` has not read it.
  const files = new Map<string, Buffer>();
  const fileOf = (instance: StudyInstance) => files.get(instance.filePath) ?? files.set(instance.filePath, readIndexedFile(instance)).get(instance.filePath)!;
  const instances = seriesSlices(series, frames, fileOf);
  if ('refused' in instances) return { skipped: instances.refused };
  const stack = stackedImages(instances);
  const { stacked, leftOut } = stack;
  const problem = stackProblem(stacked, stack);
  if (problem) return { skipped: problem };
  const pairs = stacked.map((i) => ({ instance: i, g: sliceGeometryOf(i)! }));
  pairs.sort((a, b) => slicePosition(a.g) - slicePosition(b.g));
  const slices = pairs.map((p) => p.g);
  const first = slices[0]!;
  const frame = first.rows * first.columns;
  const raw: { pixels: StoredSamples; slope: number; intercept: number; type: NiftiType }[] = [];
  const parsed = new Map<string, ReturnType<typeof parsePart10>>();
  // Up to the Pixel Data: bytes some files carry after it (viewers and dcmtk ignore them) cannot fail the read.
  const part10Of = (instance: SeriesFrame<StudyInstance>, slice: string) =>
    instance.framesInFile === 1
      ? parsePart10(files.get(instance.filePath) ?? readIndexedFile(instance), slice, { until: 'pixel-data' })
      : (parsed.get(instance.filePath) ?? parsed.set(instance.filePath, parsePart10(fileOf(instance), slice, { until: 'pixel-data' })).get(instance.filePath)!);
  for (const [k, { instance }] of pairs.entries()) {
    // Named by its place, never its file: the volume goes into a de-identified dataset, whose notes
    // say what was left out, and sources sit in folders named after the patient.
    const slice = `slice ${k + 1} of ${pairs.length} (in position order)`;
    const { meta, dict } = part10Of(instance, slice);
    const bits = num(dict['00280100']?.Value, 16);
    const layout = SAMPLE_LAYOUTS[`${bits}/${num(dict['00280103']?.Value, 0)}`];
    if (!layout) return { skipped: `Bits Allocated ${bits}: the NIfTI writer reads 8-, 16- and 32-bit samples` };
    if (num(dict['00280002']?.Value, 1) !== 1) return { skipped: 'pixel data not single-sample' };
    const syntax = String(meta['00020010']?.Value?.[0] ?? instance.transferSyntaxUid);
    const bytes = samplesOf(dict['7FE00010']?.Value, syntax, frame, layout.array.BYTES_PER_ELEMENT, instance.frameNumber, instance.framesInFile);
    const which = instance.framesInFile > 1 ? ` (frame ${instance.frameNumber} of its file)` : '';
    if (typeof bytes === 'string') return { skipped: `${slice}${which}: ${bytes}` };
    // The values alone: the other bits may hold a retired embedded overlay (text, often the name),
    // and a value may sit above bit 0 (High Bit above Bits Stored - 1) or carry its sign in Bits Stored.
    toStoredValues(bytes, storedBitsOf(dict));
    // An enhanced image rescales each frame in its functional groups (Pixel Value Transformation).
    const rescale = instance.frameRescale ?? { slope: num(dict['00281053']?.Value, 1), intercept: num(dict['00281052']?.Value, 0) };
    raw.push({ pixels: new layout.array(bytes.buffer as ArrayBuffer), ...rescale, type: layout.type });
  }
  const same = raw.every((r) => r.slope === raw[0]!.slope && r.intercept === raw[0]!.intercept && r.type === raw[0]!.type);
  const n = slices.length;
  let data: SeriesVolume['data'];
  let type: NiftiType;
  if (same) {
    const Ctor = raw[0]!.pixels.constructor as SamplesConstructor;
    data = new Ctor(frame * n);
    raw.forEach((r, k) => data.set(r.pixels, k * frame));
    type = raw[0]!.type;
  } else {
    // Slices rescaled differently: store the real values.
    data = new Float32Array(frame * n);
    raw.forEach((r, k) => r.pixels.forEach((v, i) => ((data as Float32Array)[k * frame + i] = v * r.slope + r.intercept)));
    type = 'float32';
  }
  const step = stackStep(slices, pairs[0]!.instance.sliceThickness);
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
