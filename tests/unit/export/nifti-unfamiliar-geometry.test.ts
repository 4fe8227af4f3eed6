import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { niftiPair } from '../../../electron/core/export/nifti/nifti-pair';
import { volumeProblem } from '../../../electron/core/export/nifti/series-volume';
import { imageKey } from '../../../electron/core/export/seg/slice-geometry';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { openPhantomBench, writeCylinderPhantom, type PhantomBench } from '../../support/cylinder-phantom';

// The NIfTI image of CT stacks written on geometries the app's phantom never uses: every voxel's
// world point (the sform, RAS) must be where DICOM puts that pixel (LPS, x and y negated), or the
// series is skipped with the reason.

let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('nifti-geometry');
});
afterAll(() => bench.close());

let uidCounter = 0;
async function importedStack(name: string, spec: Record<string, unknown>) {
  const folder = path.join(bench.root, name);
  const truth = writeCylinderPhantom({ sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, ...spec, uidRoot: `2.25.8181${++uidCounter}` }, folder);
  await bench.importFolder(folder);
  return { truth, instances: studyInstances(coreInternals(bench.core).db, truth.studyInstanceUid) };
}

/** The sform rows of a .nii.gz. */
function sform(gz: Buffer): number[][] {
  const header = zlib.gunzipSync(gz);
  return [280, 296, 312].map((at) => [0, 1, 2, 3].map((n) => header.readFloatLE(at + 4 * n)));
}

/** The voxels of a .nii.gz (int16 or uint16) with scl_slope and scl_inter, and its dimensions. */
function voxels(gz: Buffer): { dims: number[]; value: (i: number, j: number, k: number) => number } {
  const file = zlib.gunzipSync(gz);
  const dims = [1, 2, 3].map((n) => file.readInt16LE(40 + 2 * n));
  const datatype = file.readInt16LE(70);
  const offset = file.readFloatLE(108);
  const [slope, inter] = [file.readFloatLE(112), file.readFloatLE(116)];
  const at = (i: number, j: number, k: number) => offset + 2 * (i + dims[0]! * (j + dims[1]! * k));
  return { dims, value: (i, j, k) => (datatype === 4 ? file.readInt16LE(at(i, j, k)) : file.readUInt16LE(at(i, j, k))) * slope + inter };
}

const c30 = Math.cos(Math.PI / 6);
const c20 = Math.cos((20 * Math.PI) / 180);
const s20 = Math.sin((20 * Math.PI) / 180);

describe('NIfTI export of CT stacks from other scanners', () => {
  it.each([
    ['feet-first, 0.6 x 0.9 mm pixels, 2 mm slices, shuffled files', { rowDir: [-1, 0, 0], columnDir: [0, 1, 0], pixelSpacing: [0.9, 0.6], sliceSpacing: 2, order: 'shuffle' }],
    ['rotated 30 degrees in plane, tilted 20 degrees, reverse file order', { rowDir: [c30, 0.5, 0], columnDir: [-0.5 * c20, c30 * c20, -s20], order: 'reverse' }],
    ['prone, signed pixels, slope 0.5, MONOCHROME1', { rowDir: [-1, 0, 0], columnDir: [0, -1, 0], signed: true, slope: 0.5, intercept: -1000, photometric: 'MONOCHROME1' }],
  ])('places every voxel where DICOM puts its pixel: %s', async (_name, spec) => {
    const { instances } = await importedStack(`stack-${uidCounter}`, { ...spec, centre: [30, -20, 400] });
    const pair = niftiPair(instances, new Map(), 'stack');
    if ('skipped' in pair) expect.fail(pair.skipped);
    const rows = sform(pair.image);
    const image = voxels(pair.image);
    const iop = instances[0]!.imageOrientationPatient!;
    const [rowSpacing, columnSpacing] = instances[0]!.pixelSpacing!;
    const normal = [iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]];
    const along = (p: readonly number[]) => p[0]! * normal[0]! + p[1]! * normal[1]! + p[2]! * normal[2]!;
    const spatial = [...instances].sort((a, b) => along(a.imagePositionPatient!) - along(b.imagePositionPatient!));
    expect(image.dims).toEqual([instances[0]!.columns, instances[0]!.rows, instances.length]);
    let worst = 0;
    spatial.forEach((instance, k) => {
      for (const [i, j] of [[0, 0], [image.dims[0]! - 1, 0], [0, image.dims[1]! - 1], [image.dims[0]! - 1, image.dims[1]! - 1]] as const) {
        const lps = [0, 1, 2].map((a) => instance.imagePositionPatient![a]! + i * columnSpacing * iop[a]! + j * rowSpacing * iop[3 + a]!);
        const ras = rows.map((r) => r[0]! * i + r[1]! * j + r[2]! * k + r[3]!);
        worst = Math.max(worst, Math.hypot(ras[0]! + lps[0]!, ras[1]! + lps[1]!, ras[2]! - lps[2]!));
      }
    });
    // float32 of coordinates near 400 mm: 1e-4 mm; 0.01 mm is far below any voxel.
    expect(worst).toBeLessThan(0.01);
    // The voxel at the middle of the stack's middle row is the marrow at the bone's centre (20 HU), in HU.
    const middle = image.value((image.dims[0]! - 1) / 2, (image.dims[1]! - 1) / 2, Math.floor(image.dims[2]! / 2));
    expect(Math.abs(middle - 20)).toBeLessThanOrEqual(1);
  });

  it('skips a stack with a missing slice, saying so, instead of spreading its slices evenly', async () => {
    const { instances } = await importedStack('gap', { drop: [5] });
    expect(instances).toHaveLength(11);
    const pair = niftiPair(instances, new Map(), 'gap');
    if (!('skipped' in pair)) {
      // What the export would claim: voxel k at first + k * (last - first) / 10; the slice after the gap is not there.
      const rows = sform(pair.image);
      const ordered = [...instances].sort((a, b) => b.imagePositionPatient![2] - a.imagePositionPatient![2]);
      const worst = Math.max(...[...ordered].reverse().map((instance, k) => Math.abs(rows[2]![2]! * k + rows[2]![3]! - instance.imagePositionPatient![2])));
      expect.fail(`a NIfTI was written whose slices lie up to ${worst.toFixed(2)} mm from their images`);
    }
    expect(pair.skipped).toMatch(/gap/);
  });

  it('skips a 0.2 mm stack (cone-beam, an extremity) whose one slice lies 0.09 mm, half a slice, off its place', async () => {
    const regular = Array.from({ length: 12 }, (_, k) => k * 0.2);
    const { instances } = await importedStack('fine-uneven', { pixelSpacing: [0.2, 0.2], sliceOffsets: regular.map((z, k) => (k === 5 ? z + 0.09 : z)) });
    const pair = niftiPair(instances, new Map(), 'fine-uneven');
    expect('skipped' in pair ? pair.skipped : 'written').toMatch(/not one regular stack.*0\.09 mm from its position \(at most 0\.05 allowed\)/);
    // The same stack in its place is written.
    const kept = niftiPair((await importedStack('fine-regular', { pixelSpacing: [0.2, 0.2], sliceOffsets: regular })).instances, new Map(), 'fine-regular');
    expect('skipped' in kept ? kept.skipped : 'written').toBe('written');
  });

  it('skips a stack whose one uneven step would put a slice 0.3 mm from its image, and keeps one rounded to 0.05 mm', async () => {
    const regular = Array.from({ length: 12 }, (_, k) => k * 1.25);
    const uneven = regular.map((z, k) => (k === 5 ? z + 0.3 : z));
    const { instances } = await importedStack('uneven', { sliceOffsets: uneven });
    const pair = niftiPair(instances, new Map(), 'uneven');
    expect('skipped' in pair ? pair.skipped : 'written').toMatch(/not one regular stack.*0\.\d\d mm from its position \(at most 0\.10 allowed\)/);
    const rounded = regular.map((z, k) => z + (k % 2 === 0 ? 0.05 : -0.05));
    const kept = niftiPair((await importedStack('rounded', { sliceOffsets: rounded })).instances, new Map(), 'rounded');
    expect('skipped' in kept ? kept.skipped : 'written').toBe('written');
  });
});

describe('NIfTI export of series as scanners write them', () => {
  it('writes a 0.625 mm stack whose positions were written with one decimal, every slice within 0.05 mm of where it was scanned', async () => {
    const { truth, instances } = await importedStack('one-decimal', { sliceSpacing: 0.625, sliceCount: 24, positionDecimals: 1, centre: [30, -20, 400.03] });
    const written = instances.map((i) => i.imagePositionPatient![2]).sort((a, b) => a - b);
    // The files really step unevenly: 0.6 and 0.7 mm.
    const steps = written.slice(1).map((z, k) => Number((z - written[k]!).toFixed(3)));
    expect(new Set(steps)).toEqual(new Set([0.6, 0.7]));
    const pair = niftiPair(instances, new Map(), 'one-decimal');
    if ('skipped' in pair) expect.fail(pair.skipped);
    const rows = sform(pair.image);
    expect(voxels(pair.image).dims[2]).toBe(24);
    const scanned = truth.slices.map((s) => s.position[2]!).sort((a, b) => a - b);
    // Voxel k's z (RAS z = LPS z) against the slice's exact place, before the scanner rounded it.
    const worst = Math.max(...scanned.map((z, k) => Math.abs(rows[2]![2]! * k + rows[2]![3]! - z)));
    expect(worst).toBeLessThanOrEqual(0.051);
  });

  it('still skips a one-decimal stack with a missing slice as a gap', async () => {
    const { instances } = await importedStack('one-decimal-gap', { sliceSpacing: 0.625, sliceCount: 24, positionDecimals: 1, drop: [11] });
    const pair = niftiPair(instances, new Map(), 'one-decimal-gap');
    expect('skipped' in pair ? pair.skipped : 'written').toMatch(/gap/);
  });

  it('stacks an axial series holding a sagittal localiser of another size, leaving it out and naming it', async () => {
    const { truth, instances } = await importedStack('localiser', { localizer: true, centre: [30, -20, 400] });
    expect(instances).toHaveLength(13);
    const pair = niftiPair(instances, new Map(), 'localiser');
    if ('skipped' in pair) expect.fail(pair.skipped);
    expect(voxels(pair.image).dims).toEqual([57, 41, 12]);
    expect(pair.leftOut).toContain(`image ${truth.seriesInstanceUid.replace(/\.2$/, '.5.1')} (sagittal)`);
    expect(pair.leftOut).toContain('12 axial images');
    // The research dataset writes the series' NIfTI and lists the localiser among what its NIfTI left out.
    const outDir = path.join(bench.root, 'localiser-dataset');
    const result = await exportResearchDataset(coreInternals(bench.core).db, { studyInstanceUids: [truth.studyInstanceUid], outDir, dateShift: false, nifti: true, appVersion: '0.1.0' });
    expect(result.niftiFiles).toBe(1);
    expect(result.niftiSkipped).toHaveLength(1);
    expect(result.niftiSkipped[0]!.subject).toMatch(/series 1 \(some images\)$/);
    expect(result.niftiSkipped[0]!.reason).toMatch(/^Left out of the stack, as a localiser: image [\d.]+ \(sagittal\); the stack is the 12 axial images\.$/);
    // Named by its de-identified UID: the original UID does not leave in the dataset's notes.
    expect(result.niftiSkipped[0]!.reason).not.toContain(`${truth.seriesInstanceUid.replace(/\.2$/, '')}.5.1`);
  });

  it('stacks the axial images when only the localiser it leaves out is stored in a syntax the writer does not read', async () => {
    const { truth, instances } = await importedStack('jpeg-extended-localiser', { localizer: true, centre: [30, -20, 400] });
    const localiser = `${truth.seriesInstanceUid.replace(/\.2$/, '')}.5.1`;
    // As the index lists a scout stored JPEG Extended (12-bit lossy, not decoded here) beside native axial slices.
    const listed = instances.map((i) => (i.sopInstanceUid === localiser ? { ...i, transferSyntaxUid: '1.2.840.10008.1.2.4.51' } : i));
    expect(listed.filter((i) => i.transferSyntaxUid === '1.2.840.10008.1.2.4.51')).toHaveLength(1);
    expect(volumeProblem(listed)).toBeNull();
    const pair = niftiPair(listed, new Map(), 'jpeg-extended-localiser');
    if ('skipped' in pair) expect.fail(pair.skipped);
    expect(voxels(pair.image).dims).toEqual([57, 41, 12]);
    expect(pair.leftOut).toContain(`image ${localiser} (sagittal)`);
  });

  it('writes a label map of more than 255 lesions in 16 bits, each label its own, not wrapped onto another', async () => {
    const { instances } = await importedStack('many-labels', { centre: [30, -20, 400] });
    // Label L marks pixel L - 1 of every slice.
    const masks = new Map(
      Array.from({ length: 300 }, (_, n) => {
        const mask = new Uint8Array(41 * 57);
        mask[n] = 1;
        return [n + 1, new Map(instances.map((i) => [imageKey(i.sopInstanceUid, 1), mask]))] as const;
      }),
    );
    const pair = niftiPair(instances, masks, 'many');
    if ('skipped' in pair) expect.fail(pair.skipped);
    const file = zlib.gunzipSync(pair.mask!);
    expect(file.readInt16LE(70)).toBe(512); // DT_UINT16
    const offset = file.readFloatLE(108);
    const label = (pixel: number) => file.readUInt16LE(offset + 2 * pixel);
    expect([label(0), label(254), label(255), label(299), label(300)]).toEqual([1, 255, 256, 300, 0]);
  });
});
