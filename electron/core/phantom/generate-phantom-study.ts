import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultFemora, DEFAULT_TISSUES } from './anatomy';
import { axialSliceFile, axialSliceFileName } from './axial-slice-file';
import type { SeriesContext } from './ct-dataset';
import { resolveGeometry, type GridOptions } from './geometry';
import {
  ARC_CONVENTION,
  AXIAL_CONVENTION,
  LesionSpecSchema,
  PhantomGroundTruthSchema,
  SIZE_CONVENTION,
  type LesionSpecInput,
  type PhantomGroundTruth,
} from './ground-truth';
import { defaultLesionSpecs, involvedSliceIndices, lesionTruth } from './lesion';
import { createPrng } from './prng';
import { lesionPixels, renderBaseHu, writeStoredPixels } from './slice-image';
import { uidFromKey } from './uid';

/** Options of generatePhantomStudy; all but outDir have defaults. */
export interface PhantomOptions extends GridOptions {
  outDir: string;
  seed?: number;
  patientName?: string;
  patientId?: string;
  /** DICOM DA, YYYYMMDD. */
  studyDate?: string;
  /** Lesions in patient z (mm); default: see defaultLesionSpecs. */
  lesions?: LesionSpecInput[];
  /** Standard deviation of the added noise (HU); 0 gives exact nominal values. */
  noiseSdHu?: number;
}

/** The name of the ground-truth file written beside the slices. */
export const GROUND_TRUTH_FILE = 'ground-truth.json';

/**
 * Writes a CT study of both thighs with lytic femoral lesions, one Part 10 file per slice,
 * and ground-truth.json beside them.
 * @param options - output folder, grid, identity, seed and lesions
 * @returns the ground truth, as also written to disk
 */
export async function generatePhantomStudy(options: PhantomOptions): Promise<PhantomGroundTruth> {
  const seed = options.seed ?? 1;
  const patient = { name: options.patientName ?? 'DEMO^PHANTOM', id: options.patientId ?? 'BONEMET-DEMO-001' };
  const studyDate = options.studyDate ?? '20240115';
  // Checked before any file is written; the ground-truth schema would only catch these at the end.
  if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
  if (!/^\d{8}$/.test(studyDate)) throw new RangeError('studyDate must be DICOM DA (YYYYMMDD)');
  const geometry = resolveGeometry(options);
  const tissues = { ...DEFAULT_TISSUES, noiseSdHu: options.noiseSdHu ?? DEFAULT_TISSUES.noiseSdHu };
  const femora = defaultFemora();
  const specs = (options.lesions ?? defaultLesionSpecs(geometry)).map((l) => LesionSpecSchema.parse(l));
  // Everything that names the study goes into the UID key: same options, same UIDs.
  const key = `bonemet-phantom|${seed}|${patient.id}|${studyDate}`;
  const series: SeriesContext = {
    patientName: patient.name,
    patientId: patient.id,
    patientBirthDate: '19620704',
    patientSex: 'F',
    studyInstanceUid: uidFromKey(`${key}|study`),
    studyDate,
    studyTime: '093000',
    studyId: '1',
    accessionNumber: `PH${seed}`,
    studyDescription: 'CT both thighs (synthetic phantom)',
    seriesInstanceUid: uidFromKey(`${key}|series|1`),
    seriesNumber: 1,
    seriesDescription: 'Axial thighs, bone lesions (phantom)',
    frameOfReferenceUid: uidFromKey(`${key}|frame-of-reference`),
    rows: geometry.rows,
    columns: geometry.columns,
    pixelSpacingMm: geometry.pixelSpacingMm,
    sliceThicknessMm: geometry.sliceThicknessMm,
    sliceSpacingMm: geometry.sliceSpacingMm,
  };
  const femurOf = (side: string) => {
    const femur = femora.find((f) => f.side === side);
    if (!femur) throw new Error(`no femur on side ${side}`);
    return femur;
  };
  const lesions = specs.map((spec) => lesionTruth(spec, femurOf(spec.side), geometry));
  const masks = specs.map((spec) => ({
    pixels: lesionPixels(geometry, femurOf(spec.side), spec),
    slices: new Set(involvedSliceIndices(geometry, spec)),
  }));

  await mkdir(options.outDir, { recursive: true });
  const base = renderBaseHu(geometry, femora, tissues);
  const prng = createPrng(`${key}|noise`);
  const pixels = new Uint16Array(geometry.rows * geometry.columns);
  const [x0, y0] = geometry.firstImagePositionPatient;
  const slices: PhantomGroundTruth['slices'] = [];
  for (let index = 0; index < geometry.sliceCount; index++) {
    const zMm = geometry.slicePositionsZMm[index] ?? 0;
    const sopInstanceUid = uidFromKey(`${key}|instance|${index}`);
    const active = masks.filter((m) => m.slices.has(index)).map((m) => m.pixels);
    writeStoredPixels(pixels, base, active, tissues, prng);
    const fileName = axialSliceFileName(index);
    await writeFile(join(options.outDir, fileName), axialSliceFile(series, sopInstanceUid, index, x0, y0, zMm, pixels.buffer));
    slices.push({ index, instanceNumber: index + 1, sopInstanceUid, fileName, zMm });
  }

  const truth = PhantomGroundTruthSchema.parse({
    schemaVersion: 1,
    conventions: { arc: ARC_CONVENTION, axial: AXIAL_CONVENTION, size: SIZE_CONVENTION },
    seed,
    patient,
    studyDate,
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    frameOfReferenceUid: series.frameOfReferenceUid,
    geometry,
    tissues,
    femora,
    lesions,
    slices,
  });
  await writeFile(join(options.outDir, GROUND_TRUTH_FILE), `${JSON.stringify(truth, null, 2)}\n`);
  return truth;
}
