import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreInternals } from '../../../electron/core/app-core';
import { requireNiftiVolumes } from '../../../electron/core/export/dataset/study-nifti';
import { niftiPair } from '../../../electron/core/export/nifti/nifti-pair';
import { volumeProblem } from '../../../electron/core/export/nifti/series-volume';
import { studyInstances, type StudyInstance } from '../../../electron/core/index/instance-queries';
import { ANNOTATION_SCHEMA_VERSION, type WorldPoint } from '@shared/annotation/annotation';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { openPhantomBench, writeCylinderPhantom, writeEnhancedCtPhantom, type PhantomBench } from '../../support/cylinder-phantom';
import { makeLesion } from '../../support/lesion-fixtures';
import { REPO_ROOT } from '../../support/paths';
import { compareNifti, dcm2niix, HAS_DCM2NIIX, type NiftiComparison } from '../../support/nifti-check';
import { runPython } from '../../support/python-runner';

// An Enhanced CT (one file, its frames placed and rescaled in functional groups) written by pydicom
// from a phantom's single-frame slices: the NIfTI of the enhanced file must put at every world point
// the value the single-frame slices (read by pydicom) hold there, and agree with dcm2niix's
// conversion of the enhanced file.

const CI = Boolean(process.env.CI);
const withDcm2niix = describe.skipIf(!HAS_DCM2NIIX && !CI);

let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('nifti-enhanced');
  setCurrentReader(coreInternals(bench.core).db, { initials: 'AB', name: 'Anna Berg' });
});
afterAll(() => bench.close());

const GRID = { sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400] };
const VOXELS = 57 * 41 * 12;
let uid = 0;

/** Writes a phantom as single-frame slices and as one enhanced file (transcoded by a dcmtk or GDCM command, if given); imports the enhanced one. */
async function enhancedPhantom(spec: Record<string, unknown>, enhanced: Record<string, unknown>, transcode?: string[]) {
  const name = `enhanced-${++uid}`;
  const slices = path.join(bench.root, `${name}-slices`);
  writeCylinderPhantom({ ...GRID, ...spec, uidRoot: `2.25.7474.${uid}` }, slices);
  const folder = path.join(bench.root, name);
  const file = path.join(folder, 'enhanced.dcm');
  const written = writeEnhancedCtPhantom(slices, file, enhanced);
  if (transcode) {
    const made = spawnSync(transcode[0]!, [...transcode.slice(1), file, `${file}.transcoded`], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    fs.renameSync(`${file}.transcoded`, file);
  }
  await bench.importFolder(folder);
  const db = coreInternals(bench.core).db;
  const study = (db.prepare('SELECT st.study_uid FROM studies st JOIN series se ON se.study_ref = st.id WHERE se.series_uid = ?').pluck().get(written.seriesInstanceUid)) as string;
  const instances = studyInstances(db, study).filter((i) => i.seriesInstanceUid === written.seriesInstanceUid);
  return { name, slices, folder, instances, study };
}

/** Our NIfTI of a series, written to the bench; fails the test with the reason when it is skipped. */
function writeOurs(instances: readonly StudyInstance[], name: string): string {
  const pair = niftiPair(instances, new Map(), name);
  if ('skipped' in pair) expect.fail(`our exporter skipped ${name}: ${pair.skipped}`);
  const file = path.join(bench.root, `${name}.nii.gz`);
  fs.writeFileSync(file, pair.image);
  return file;
}

/** Every voxel at the same world point as the other's, with the same real value. */
function expectSameVolume(found: NiftiComparison): void {
  expect(found.voxelsOutside).toBe(0);
  expect(found.voxelsCompared).toBe(VOXELS);
  expect(found.worstGridOffsetVoxels).toBeLessThan(1e-3);
  expect({ differing: found.voxelsDiffering, first: found.firstDifference }).toEqual({ differing: 0, first: undefined });
}

const c30 = Math.cos(Math.PI / 6);
const c20 = Math.cos((20 * Math.PI) / 180);
const s20 = Math.sin((20 * Math.PI) / 180);
const OBLIQUE = { rowDir: [c30, 0.5, 0], columnDir: [-0.5 * c20, c30 * c20, -s20] };

withDcm2niix('NIfTI export of an Enhanced CT against its single-frame slices and dcm2niix', () => {
  it.each([
    ['frames shuffled, every macro shared', {}, { order: 'shuffle' }],
    ['frames in descending order, every macro per frame, oblique', OBLIQUE, { order: 'reverse', macros: 'per-frame' }],
    ['sagittal, signed, slope 0.5, frames shuffled', { rowDir: [0, 1, 0], columnDir: [0, 0, -1], signed: true, slope: 0.5, intercept: -1000 }, { order: 'shuffle' }],
  ])('puts the values of the slices at their world points: %s', async (_, spec, enhanced) => {
    const { name, slices, folder, instances } = await enhancedPhantom(spec, enhanced);
    const ours = writeOurs(instances, name);
    expectSameVolume(compareNifti(ours, { dicom: slices }));
    const theirs = compareNifti(ours, dcm2niix(folder, path.join(bench.root, `${name}-dcm2niix`)));
    expect(theirs.ours.dims).toEqual(theirs.theirs!.dims);
    expect(theirs.ours.pixdim.slice(1).map((p) => p.toFixed(3))).toEqual(theirs.theirs!.pixdim.slice(1).map((p) => p.toFixed(3)));
    expectSameVolume(theirs);
  });

  // dcm2niix 1.0.20220720 refuses a multi-frame RLE object with a Basic Offset Table ("stored as 13
  // fragments") and misreads one without: the slices, read by pydicom, are the only reference.
  it.each([
    ['with a Basic Offset Table, frames shuffled', {}, { order: 'shuffle', compress: 'rle' }],
    ['without a Basic Offset Table, oblique, frames shuffled', OBLIQUE, { order: 'shuffle', compress: 'rle', bot: false }],
  ])('decodes each RLE Lossless frame and puts its values at their world points: %s', async (_, spec, enhanced) => {
    const { name, slices, instances } = await enhancedPhantom(spec, enhanced);
    expectSameVolume(compareNifti(writeOurs(instances, name), { dicom: slices }));
  });

  it.each([
    ['JPEG Lossless (dcmcjpeg)', 'dcmcjpeg', ['+e1']],
    ['JPEG-LS Lossless (dcmcjpls)', 'dcmcjpls', []],
    ['JPEG 2000 Lossless (gdcmconv)', 'gdcmconv', ['--j2k']],
  ])('decodes each frame of an Enhanced CT transcoded to %s through the offset table', async (_, tool, options) => {
    const { name, slices, instances } = await enhancedPhantom(OBLIQUE, { order: 'shuffle', macros: 'per-frame' }, [tool, ...options]);
    expect(instances[0]!.transferSyntaxUid).not.toBe('1.2.840.10008.1.2.1');
    expectSameVolume(compareNifti(writeOurs(instances, name), { dicom: slices }));
  });

  // dcm2niix 1.0.20220720 applies one frame's rescale to all (up to 110 HU off here): the slices decide.
  it('rescales each frame by its own Pixel Value Transformation (intercepts 10 HU apart, frame by frame)', async () => {
    const { name, slices, instances } = await enhancedPhantom({}, { order: 'shuffle', rescaleStep: 10 });
    const ours = writeOurs(instances, name);
    const found = compareNifti(ours, { dicom: slices });
    expectSameVolume(found);
    // Frames rescaled differently: the real values are stored.
    expect(found.ours.datatype).toBe(16);
  });
});

describe('NIfTI export of a multi-frame object that is not one stack', () => {
  it.each([
    ['two Stack IDs', { stacks: 2 }, /holds 2 stacks \(Stack IDs 1, 2\)/],
    ['one frame of another orientation', { tiltFrame: 5 }, /more than one orientation \(frame 5 is not parallel to frame 1\)/],
  ])('skips it and says why, and refuses a NIfTI export of it before anything is written: %s', async (_, enhanced, reason) => {
    const { name, instances } = await enhancedPhantom({}, enhanced);
    const pair = niftiPair(instances, new Map(), name);
    expect('skipped' in pair && pair.skipped).toMatch(reason);
    expect(volumeProblem(instances)).toMatch(reason);
    expect(() => requireNiftiVolumes([{ studyInstanceUid: '2.25.1', instances }])).toThrow(reason);
  });

  it('lets a NIfTI export of an Enhanced CT that is one stack begin', async () => {
    const { instances } = await enhancedPhantom({}, { order: 'shuffle', macros: 'per-frame' });
    expect(volumeProblem(instances)).toBeNull();
  });
});

describe('an Enhanced CT of one frame, placed in its functional groups only', () => {
  it('is written as a one-slice NIfTI at the slice\'s world points, and an area drawn on it gets its SEG frame', async () => {
    const { name, slices, instances, study } = await enhancedPhantom({ sliceCount: 1 }, { macros: 'per-frame' });
    // The index has no position for it: an enhanced object places even its one frame in Plane Position.
    expect(instances[0]!.imagePositionPatient).toBeNull();
    const found = compareNifti(writeOurs(instances, name), { dicom: slices });
    expect({ outside: found.voxelsOutside, compared: found.voxelsCompared, differing: found.voxelsDiffering }).toEqual({ outside: 0, compared: 57 * 41, differing: 0 });

    const db = coreInternals(bench.core).db;
    const [frame] = (JSON.parse(runPython([path.join(REPO_ROOT, 'tests/support/read-labels.py'), 'frames', instances[0]!.filePath]).stdout) as { frames: { position: number[]; orientation: number[] }[] }).frames;
    const centre = [0, 1, 2].map((a) => frame!.position[a]! + 20 * frame!.orientation[a]! + 20 * frame!.orientation[3 + a]!) as WorldPoint;
    const rim = [0, 1, 2].map((a) => centre[a]! + 3 * frame!.orientation[a]!) as WorldPoint;
    const lesion = makeLesion({ id: 'e0000000-0000-4000-8000-0000000000b1', trackingUid: '2.25.51520001', studyInstanceUid: study, seriesInstanceUid: instances[0]!.seriesInstanceUid });
    saveLesion(db, lesion, 'AB');
    saveAttachedDrawing(db, {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'e0000000-0000-4000-8000-0000000000b2', lesionId: lesion.id, studyInstanceUid: lesion.studyInstanceUid, seriesInstanceUid: lesion.seriesInstanceUid,
      frameOfReferenceUid: instances[0]!.frameOfReferenceUid, sopInstanceUid: instances[0]!.sopInstanceUid, frameNumber: 1, viewPlaneNormal: null, viewUp: null,
      tool: 'CircleROI', points: [centre, rim], text: null, measurements: {}, reader: 'AB', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z',
    }, lesion.id, 'AB');
    const out = path.join(bench.root, `${name}-seg`);
    const written = exportSegmentations(db, lesion.studyInstanceUid, out, { appVersion: '0.1.0' });
    expect(written.unsegmented).toEqual([]);
    const read = runPython([path.join(REPO_ROOT, 'tests/support/read-labels.py'), 'seg', written.files[0]!.file, path.dirname(instances[0]!.filePath)]);
    const { frames } = JSON.parse(read.stdout) as { frames: { referencedPosition: number[] | null; position: number[]; lps: number[][] }[] };
    expect(frames).toHaveLength(1);
    frames[0]!.position.forEach((v, a) => expect(v).toBeCloseTo(frame!.position[a]!, 4));
    expect(frames[0]!.lps.length).toBeGreaterThan(20);
  });
});
