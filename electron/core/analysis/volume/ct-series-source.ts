import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { cross, type Vector3 } from '@shared/geometry/vector3';
import { gantryTilted } from '@shared/dicom/gantry-tilt';
import { seriesGeometry } from '@shared/dicom/series-geometry';
import { seriesImageFiles } from '../../index/instance-queries';
import { ANALYSIS_SYNTAXES, type CtSliceFile } from './read-ct-slice';
import { DECODED_COMPRESSIONS } from '../../dicom/compressed-frame';
import { seriesFrames } from '../../dicom/series-frames';
import { IndexedFileFrames } from '../../index/indexed-file-frames';

/** Everything a worker needs to build a CT series' volume: its files in order and its grid. */
export interface CtSeriesSource {
  seriesInstanceUid: string;
  /** Ordered along the slice normal, lowest first. */
  files: CtSliceFile[];
  rows: number;
  columns: number;
  origin: Vector3;
  rowDir: Vector3;
  columnDir: Vector3;
  sliceDir: Vector3;
  /** Column spacing, row spacing, slice spacing (mm). */
  spacing: Vector3;
  /** Images of another orientation (a localiser) left out of the stack, named for the reader, or null. */
  leftOut: string | null;
}

const RADIOGRAPHY = new Set(['CR', 'DX', 'RF', 'XA', 'MG', 'PX', 'IO', 'RG', 'DF']);
/** Why a series of this modality cannot be analysed, in words a reader can act on. */
function modalityRefusal(modality: string): AppError {
  const what = modality === 'MR'
    ? 'this is an MR series, whose values are not Hounsfield units'
    : RADIOGRAPHY.has(modality)
      ? `this is a radiograph (${modality}), a projection with no cross-sections and no Hounsfield units`
      : `this is a ${modality || 'series without a modality'}, not CT`;
  return new AppError('unsupported', `The bone analysis needs a CT series: ${what}. Open a CT series of the same bone.`);
}

/**
 * A CT series from the index, checked before any pixel is read: CT, single-frame images in a
 * syntax the analysis decodes, one regular stack (no gap, no tilt, one orientation; a localiser of
 * another orientation is left out and named).
 * @throws AppError not_found or unsupported, saying why
 */
export function ctSeriesSource(db: Database.Database, seriesInstanceUid: string): CtSeriesSource {
  const series = seriesImageFiles(db, seriesInstanceUid);
  const modality = series.modality.trim().toUpperCase();
  if (modality !== 'CT') throw modalityRefusal(modality);
  // An enhanced CT's slices are its frames, placed and rescaled in its functional groups.
  const placed = new IndexedFileFrames();
  const frames = seriesFrames(
    series.instances.filter((i) => i.hasPixelData),
    (i, count) => placed.of({ filePath: i.file.path, fileSize: i.file.size, fileMtimeMs: i.file.mtimeMs }, count),
  );
  if ('refused' in frames) throw new AppError('unsupported', `The bone analysis needs one regular stack of CT slices: ${frames.refused}`);
  const all = frames.map((frame, n) => ({ ...frame, id: n + 1 }));
  const geometry = seriesGeometry(all);
  // A localiser of another orientation is not read: only the stack's own images must be decodable.
  const leftOut = new Set(geometry.leftOut);
  const images = all.filter((i) => !leftOut.has(i.id));
  const compressed = images.filter((i) => !ANALYSIS_SYNTAXES[i.transferSyntaxUid]);
  if (compressed.length > 0) {
    throw new AppError(
      'unsupported',
      `The bone analysis reads uncompressed, deflated, ${DECODED_COMPRESSIONS} images; ${compressed.length} of ${images.length} images of this series are compressed ` +
        `(transfer syntax ${compressed[0]!.transferSyntaxUid}). Decompress them (e.g. gdcmconv --raw) and import them again.`,
    );
  }
  if (!geometry.reformattable || geometry.spacingMm === null) {
    const why = geometry.warnings.map((w) => w.message).join(' ') || `only ${images.length} image(s).`;
    throw new AppError('unsupported', `The bone analysis needs one regular stack of CT slices: ${why}`);
  }
  const byId = new Map(images.map((i) => [i.id, i]));
  // seriesGeometry orders head to feet (decreasing along the normal): the volume runs the other way.
  const ordered = geometry.order.map((id) => byId.get(id)!).reverse();
  const first = ordered[0]!;
  const iop = first.imageOrientationPatient!;
  const rowDir: Vector3 = [iop[0], iop[1], iop[2]];
  const columnDir: Vector3 = [iop[3], iop[4], iop[5]];
  const sliceDir = cross(rowDir, columnDir);
  const [rowSpacing, columnSpacing] = first.pixelSpacing ?? [NaN, NaN];
  if (!(rowSpacing > 0 && columnSpacing > 0) || !first.rows || !first.columns) {
    throw new AppError('unsupported', 'The bone analysis needs the pixel spacing and size of the slices, and this series does not give them.');
  }
  for (const image of ordered) {
    if (image.rows !== first.rows || image.columns !== first.columns || image.pixelSpacing?.[0] !== rowSpacing || image.pixelSpacing?.[1] !== columnSpacing) {
      throw new AppError('unsupported', 'The bone analysis needs one regular stack of CT slices: the images of this series differ in size or pixel spacing.');
    }
  }
  if (gantryTilted(ordered.map((image) => image.imagePositionPatient!), iop, [rowSpacing, columnSpacing])) {
    throw new AppError('unsupported', 'The bone analysis needs slices stacked straight along their normal: this series was acquired with a gantry tilt.');
  }
  return {
    seriesInstanceUid,
    // Size and modification time as imported: a slice is read only while its file is still that one.
    files: ordered.map((image) => ({ ...image.file, transferSyntaxUid: image.transferSyntaxUid, frameNumber: image.frameNumber, framesInFile: image.framesInFile, rescale: image.frameRescale })),
    rows: first.rows,
    columns: first.columns,
    origin: [...first.imagePositionPatient!] as Vector3,
    rowDir,
    columnDir,
    sliceDir,
    spacing: [columnSpacing, rowSpacing, geometry.spacingMm],
    leftOut: geometry.warnings.find((w) => w.code === 'other-orientation-left-out')?.message ?? null,
  };
}
