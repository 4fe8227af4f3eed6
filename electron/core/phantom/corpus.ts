import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFemora, DEFAULT_TISSUES } from './anatomy';
import { ctFileMeta, ctSliceDataset, type SeriesContext } from './ct-dataset';
import { formatDs, formatZ } from './dicom-text';
import { locateElements, patchText, type ElementSlot } from './element-locator';
import { resolveGeometry } from './geometry';
import { encodePart10 } from '../export/dicom/export-file';
import { createPrng } from './prng';
import { renderBaseHu, writeStoredPixels } from './slice-image';
import { FIXED_UID_LENGTH, uidFromKey } from './uid';

/** Options of writeSyntheticCorpus. */
export interface CorpusOptions {
  outDir: string;
  fileCount: number;
  /** Slices per series (default 250); the last series takes the remainder. */
  seriesSize?: number;
  rows?: number;
  columns?: number;
  seed?: number;
  /** Series per study, one patient per study (default 4). */
  seriesPerStudy?: number;
  sliceSpacingMm?: number;
  /** Files written at once; the writes overlap in libuv's thread pool. */
  concurrency?: number;
}

/** One series of the corpus. */
export interface CorpusSeries {
  patientId: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  directory: string;
  fileCount: number;
}

/** What writeSyntheticCorpus wrote. */
export interface CorpusSummary {
  fileCount: number;
  bytesWritten: number;
  studyCount: number;
  series: CorpusSeries[];
}

// Per-slice elements, patched in place in a file built once per series.
const TAG = {
  mediaStorageSopInstanceUid: '00020003',
  sopInstanceUid: '00080018',
  instanceNumber: '00200013',
  imagePositionPatient: '00200032',
  sliceLocation: '00201041',
} as const;
// Placeholders as wide as the widest value a slice can need, so every value fits its slot.
const INSTANCE_NUMBER_PLACEHOLDER = '999999';
const Z_PLACEHOLDER = '-99999.999';

/** Name of the file of slice `index` (0-based) in its series folder. */
export function corpusFileName(index: number): string {
  return `IM${String(index + 1).padStart(5, '0')}.dcm`;
}

/**
 * Writes many small valid CT files quickly, for import benchmarks: each series is encoded once
 * with dcmjs, then only the SOP Instance UID, Instance Number and position are patched per file.
 * Layout: outDir/study-NNNN/series-NNNN/IMnnnnn.dcm.
 */
export async function writeSyntheticCorpus(options: CorpusOptions): Promise<CorpusSummary> {
  const seriesSize = options.seriesSize ?? 250;
  const seriesPerStudy = options.seriesPerStudy ?? 4;
  const concurrency = options.concurrency ?? 8;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(options.fileCount) || options.fileCount < 0) throw new RangeError('fileCount must be a whole number');
  if (!(seriesSize > 0 && seriesSize < 900000 && seriesPerStudy > 0 && concurrency > 0)) throw new RangeError('bad series size');
  const key = `bonemet-corpus|${seed}`;
  const grid = resolveGeometry({ rows: options.rows ?? 256, columns: options.columns ?? 256, sliceCount: 1, sliceSpacingMm: options.sliceSpacingMm });
  // The anatomy is the same in every series; only the noise differs.
  const base = renderBaseHu(grid, defaultFemora(), DEFAULT_TISSUES);
  const [x0, y0] = grid.firstImagePositionPatient;
  const summary: CorpusSummary = { fileCount: 0, bytesWritten: 0, studyCount: 0, series: [] };

  for (let seriesIndex = 0; summary.fileCount < options.fileCount; seriesIndex++) {
    const count = Math.min(seriesSize, options.fileCount - summary.fileCount);
    const studyIndex = Math.floor(seriesIndex / seriesPerStudy);
    const seriesInStudy = (seriesIndex % seriesPerStudy) + 1;
    const directory = join(options.outDir, `study-${pad4(studyIndex + 1)}`, `series-${pad4(seriesInStudy)}`);
    const context: SeriesContext = {
      patientName: `BENCH^PATIENT${studyIndex + 1}`,
      patientId: `BENCH-${seed}-${pad4(studyIndex + 1)}`,
      patientBirthDate: '',
      patientSex: 'O',
      studyInstanceUid: uidFromKey(`${key}|study|${studyIndex}`),
      studyDate: '20240115',
      studyTime: '093000',
      studyId: String(studyIndex + 1),
      accessionNumber: `BENCH${studyIndex + 1}`,
      studyDescription: 'Synthetic benchmark study',
      seriesInstanceUid: uidFromKey(`${key}|series|${seriesIndex}`),
      seriesNumber: seriesInStudy,
      seriesDescription: `Synthetic benchmark series ${seriesInStudy}`,
      frameOfReferenceUid: uidFromKey(`${key}|frame-of-reference|${studyIndex}`),
      rows: grid.rows,
      columns: grid.columns,
      pixelSpacingMm: grid.pixelSpacingMm,
      sliceThicknessMm: grid.sliceThicknessMm,
      sliceSpacingMm: grid.sliceSpacingMm,
    };
    const pixels = writeStoredPixels(new Uint16Array(base.length), base, [], DEFAULT_TISSUES, createPrng(`${key}|noise|${seriesIndex}`));
    const sopUid = (slice: number): string => uidFromKey(`${key}|instance|${summary.fileCount + slice}`);
    const template = encodePart10(
      ctFileMeta(sopUid(0)),
      ctSliceDataset(context, {
        sopInstanceUid: sopUid(0),
        instanceNumber: INSTANCE_NUMBER_PLACEHOLDER,
        imagePositionPatient: [formatDs(x0), formatDs(y0), Z_PLACEHOLDER],
        sliceLocation: Z_PLACEHOLDER,
        pixelData: pixels.buffer,
      }),
    );
    const slots = locateElements(template, Object.values(TAG));
    // One copy of the file per write in flight: a buffer is never patched while being written.
    const buffers = Array.from({ length: Math.min(concurrency, count) }, () => Buffer.from(template));
    await mkdir(directory, { recursive: true });
    for (let first = 0; first < count; first += buffers.length) {
      const writes: Promise<void>[] = [];
      for (let lane = 0; lane < buffers.length && first + lane < count; lane++) {
        const slice = first + lane;
        const buffer = buffers[lane] as Buffer;
        patchInstance(buffer, slots, sopUid(slice), slice, `${formatDs(x0)}\\${formatDs(y0)}\\`, formatZ(slice * grid.sliceSpacingMm));
        writes.push(writeFile(join(directory, corpusFileName(slice)), buffer));
      }
      await Promise.all(writes);
    }
    summary.series.push({ patientId: context.patientId, studyInstanceUid: context.studyInstanceUid, seriesInstanceUid: context.seriesInstanceUid, directory, fileCount: count });
    summary.fileCount += count;
    summary.bytesWritten += count * template.length;
    summary.studyCount = studyIndex + 1;
  }
  return summary;
}

function patchInstance(buffer: Buffer, slots: Map<string, ElementSlot>, uid: string, slice: number, xy: string, z: string): void {
  const slot = (tag: string): ElementSlot => {
    const found = slots.get(tag);
    if (!found) throw new Error(`no slot for ${tag}`);
    return found;
  };
  // UI values take a single trailing NUL; every UID here has the same length, so one NUL at most.
  if (uid.length !== FIXED_UID_LENGTH) throw new Error(`unexpected UID length: ${uid}`);
  patchText(buffer, slot(TAG.mediaStorageSopInstanceUid), uid, '\0');
  patchText(buffer, slot(TAG.sopInstanceUid), uid, '\0');
  patchText(buffer, slot(TAG.instanceNumber), String(slice + 1), ' ');
  patchText(buffer, slot(TAG.imagePositionPatient), `${xy}${z}`, ' ');
  patchText(buffer, slot(TAG.sliceLocation), z, ' ');
}

function pad4(value: number): string {
  return String(value).padStart(4, '0');
}
