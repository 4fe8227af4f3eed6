import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Volume } from '../analysis/volume/volume';
import type { BonePhantomSpec, BonePhantomTruth } from './bone-phantom';
import { bonePhantomOrigin, renderBonePhantom } from './bone-phantom-render';
import { bonePhantomTruth } from './bone-phantom-truth';
import { axialSliceFile, axialSliceFileName } from './axial-slice-file';
import type { SeriesContext } from './ct-dataset';
import { MAX_STORED_VALUE, RESCALE_INTERCEPT } from './slice-image';
import { uidFromKey } from './uid';

/** The file beside a bone phantom's slices that holds its analytic truth. */
export const BONE_PHANTOM_TRUTH_FILE = 'bone-phantom-truth.json';

/** What writeBonePhantomSeries wrote. */
export interface WrittenBonePhantom {
  truth: BonePhantomTruth;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /** The rendered volume, as the files hold it. */
  volume: Volume;
}

/**
 * Renders a bone phantom and writes it as a CT series (one Part 10 file per axial slice,
 * HU + 1024 stored, Rescale Intercept -1024) with its truth beside it.
 * @param outDir - the folder for the slices and BONE_PHANTOM_TRUTH_FILE
 */
export async function writeBonePhantomSeries(spec: BonePhantomSpec, outDir: string): Promise<WrittenBonePhantom> {
  const volume = renderBonePhantom(spec);
  const truth = bonePhantomTruth(spec);
  const key = `bonemet-bone-phantom|${spec.seed}|${spec.layout}`;
  const series: SeriesContext = {
    patientName: 'BONE^PHANTOM',
    patientId: `BONEMET-BONE-${spec.seed}`,
    patientBirthDate: '19600101',
    patientSex: 'O',
    studyInstanceUid: uidFromKey(`${key}|study`),
    studyDate: '20240115',
    studyTime: '093000',
    studyId: '1',
    accessionNumber: `BP${spec.seed}`,
    studyDescription: `CT ${spec.layout === 'arm' ? 'upper arm' : 'both thighs'} (synthetic bone phantom)`,
    seriesInstanceUid: uidFromKey(`${key}|series`),
    seriesNumber: 1,
    seriesDescription: 'Axial, tilted long bones with lytic lesions (phantom)',
    frameOfReferenceUid: uidFromKey(`${key}|frame-of-reference`),
    rows: spec.rows,
    columns: spec.columns,
    pixelSpacingMm: [spec.pixelSpacingMm, spec.pixelSpacingMm],
    sliceThicknessMm: spec.sliceSpacingMm,
    sliceSpacingMm: spec.sliceSpacingMm,
  };
  await mkdir(outDir, { recursive: true });
  const [x0, y0, z0] = bonePhantomOrigin(spec);
  const plane = spec.rows * spec.columns;
  const stored = new Uint16Array(plane);
  for (let k = 0; k < spec.sliceCount; k++) {
    for (let n = 0; n < plane; n++) stored[n] = Math.max(0, Math.min(MAX_STORED_VALUE, volume.hu[k * plane + n]! - RESCALE_INTERCEPT));
    const bytes = axialSliceFile(series, uidFromKey(`${key}|instance|${k}`), k, x0, y0, z0 + k * spec.sliceSpacingMm, stored.buffer);
    await writeFile(join(outDir, axialSliceFileName(k)), bytes);
  }
  await writeFile(join(outDir, BONE_PHANTOM_TRUTH_FILE), `${JSON.stringify(truth, null, 2)}\n`);
  return { truth, studyInstanceUid: series.studyInstanceUid, seriesInstanceUid: series.seriesInstanceUid, volume };
}
