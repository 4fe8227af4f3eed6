import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation, type WorldPoint } from '@shared/annotation/annotation';
import { coreInternals } from '../../../electron/core/app-core';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { studyInstances, type StudyInstance } from '../../../electron/core/index/instance-queries';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { openPhantomBench, writeCylinderPhantom, writeEnhancedCtPhantom, type CylinderTruth, type PhantomBench } from '../../support/cylinder-phantom';
import { makeLesion } from '../../support/lesion-fixtures';
import { REPO_ROOT } from '../../support/paths';
import { compareNifti, dcm2niix, HAS_DCM2NIIX } from '../../support/nifti-check';
import { dciodvfy } from './dicom-tools';
import { runPython } from '../../support/python-runner';

// The labels of a research dataset where the lesion is known: a cylinder-bone phantom (feet-first on
// 0.9 x 0.6 mm pixels with files shuffled; oblique, signed with slope 0.5, files in descending
// order; the oblique one again as one Enhanced CT file, frames shuffled, each placed by its Plane
// Position) whose lytic defect (700 HU here) is drawn as a 2 mm circle on every slice (or
// frame) through its middle, and a second lesion drawn once in the muscle (50 HU).
// Read back as an outside reviewer would (numpy for the NIfTI, pydicom for the SEG): the label map
// on the image's grid, each label where its circles were drawn, the SEG's frames on the slices they
// label, with the same pixels.

const READ = path.join(REPO_ROOT, 'tests/support/read-labels.py');
const TUMOUR_HU = 700;
const RADIUS_MM = 2;
const CENTRE: [number, number, number] = [30, -20, 400];

type Vec = [number, number, number];
const add = (a: readonly number[], b: readonly number[], s = 1): Vec => [0, 1, 2].map((i) => a[i]! + s * b[i]!) as Vec;
const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
/** Distance of an LPS point from the line through `p` along `d` (the circles' centres, slice to slice). */
const fromLine = (x: readonly number[], p: readonly number[], d: readonly number[]) => {
  const w = add(x, p, -1);
  return Math.sqrt(Math.max(0, dot(w, w) - dot(w, d) ** 2));
};

/** An image a circle is drawn on: a single-frame instance, or a frame of an enhanced one. */
interface Image {
  sopInstanceUid: string;
  frameNumber: number;
  position: number[];
  orientation: number[];
  spacing: number[];
  rows: number;
  columns: number;
  frameOfReferenceUid: string | null;
}

let bench: PhantomBench;
let truth: CylinderTruth;
let outDir: string;
let tumourCentre: Vec;
let muscleCentre: Vec;
/** Per drawn image (SOP Instance UID # frame), the pixels whose centres lie within the circle: what a mask must hold. */
let expectedPixels = new Map<string, number>();
let muscleSlice: Image;

/** The pixels of an image whose centres lie within RADIUS_MM of `centre` (projected onto it). */
function pixelsWithin(image: Image, centre: readonly number[]): number {
  const iop = image.orientation;
  const [rowSpacing, columnSpacing] = image.spacing as [number, number];
  let n = 0;
  for (let r = 0; r < image.rows; r++) {
    for (let c = 0; c < image.columns; c++) {
      const p = [0, 1, 2].map((a) => image.position[a]! + c * columnSpacing * iop[a]! + r * rowSpacing * iop[3 + a]!);
      if (fromLine(p, centre, truth.sliceNormal) <= RADIUS_MM) n++;
    }
  }
  return n;
}

/** The images of the imported phantom: its slices, or the frames of its enhanced file as pydicom places them. */
function phantomImages(instances: readonly StudyInstance[]): Image[] {
  return instances.flatMap((i): Image[] => {
    if (i.frames <= 1) {
      return [{ sopInstanceUid: i.sopInstanceUid, frameNumber: 1, position: i.imagePositionPatient!, orientation: i.imageOrientationPatient!, spacing: i.pixelSpacing!, rows: i.rows!, columns: i.columns!, frameOfReferenceUid: i.frameOfReferenceUid }];
    }
    const { frames } = read('frames', i.filePath) as { frames: { frame: number; position: number[]; orientation: number[]; spacing: number[]; rows: number; columns: number }[] };
    return frames.map((f) => ({ sopInstanceUid: i.sopInstanceUid, frameNumber: f.frame, position: f.position, orientation: f.orientation, spacing: f.spacing, rows: f.rows, columns: f.columns, frameOfReferenceUid: i.frameOfReferenceUid }));
  });
}

/** Writes (as slices, or as one enhanced file), imports, draws on and exports the phantom on one grid. */
async function exportPhantom(grid: Record<string, unknown>, enhanced: Record<string, unknown> | null): Promise<void> {
  bench = openPhantomBench('labels-on-grid');
  const slices = path.join(bench.root, enhanced ? 'slices' : 'phantom');
  truth = writeCylinderPhantom({
    sliceCount: 24, rows: 60, columns: 80, sliceSpacing: 1.25, ...grid,
    centre: CENTRE, supersampling: 1, lesion: { arcStart: 30, arcSweep: 180, axialStart: -5, axialLength: 10, marrowDepth: 2 },
    hu: { air: -1000, fat: -100, muscle: 50, marrow: 20, cortex: 1500, tumour: TUMOUR_HU },
  }, slices);
  const folder = path.join(bench.root, 'phantom');
  const series = enhanced ? writeEnhancedCtPhantom(slices, path.join(folder, 'enhanced.dcm'), enhanced).seriesInstanceUid : truth.seriesInstanceUid;
  await bench.importFolder(folder);
  const db = coreInternals(bench.core).db;
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  expectedPixels = new Map();
  // The click is 5.5 mm from the axis, mid-lesion; the defect spans 4.5 to 11 mm from it: a 2 mm
  // circle 8 mm out lies wholly in it, and one 20 mm out on the other side in muscle.
  const outward = add(truth.click, CENTRE, -1).map((v) => v / 5.5) as Vec;
  tumourCentre = add(CENTRE, outward, 8);
  muscleCentre = add(CENTRE, outward, -20);
  const images = phantomImages(studyInstances(db, truth.studyInstanceUid));
  const along = (i: Image) => dot(add(i.position, CENTRE, -1), truth.sliceNormal);
  const throughLesion = images.filter((i) => Math.abs(along(i)) <= 4);
  expect(throughLesion.length).toBeGreaterThan(4);
  muscleSlice = images.find((i) => Math.abs(along(i)) > 6)!;
  let n = 0;
  const circle = (lesionId: string, image: Image, centre: Vec): Annotation => {
    const onSlice = add(centre, truth.sliceNormal, along(image));
    const rim = add(onSlice, image.orientation.slice(0, 3), RADIUS_MM);
    return {
      schemaVersion: ANNOTATION_SCHEMA_VERSION, id: `e0000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, lesionId, studyInstanceUid: truth.studyInstanceUid,
      seriesInstanceUid: series, frameOfReferenceUid: image.frameOfReferenceUid, sopInstanceUid: image.sopInstanceUid, frameNumber: image.frameNumber, viewPlaneNormal: null, viewUp: null,
      tool: 'CircleROI', points: [onSlice as WorldPoint, rim as WorldPoint], text: null, measurements: {}, reader: 'AB', createdAt: '2026-03-01T10:00:00.000Z', updatedAt: '2026-03-01T10:00:00.000Z',
    };
  };
  const lesion = makeLesion({ id: 'e0000000-0000-4000-8000-0000000000a1', trackingUid: '2.25.51510001', studyInstanceUid: truth.studyInstanceUid, seriesInstanceUid: series });
  saveLesion(db, lesion, 'AB');
  for (const image of throughLesion) {
    saveAttachedDrawing(db, circle(lesion.id, image, tumourCentre), lesion.id, 'AB');
    expectedPixels.set(`${image.sopInstanceUid}#${image.frameNumber}`, pixelsWithin(image, tumourCentre));
  }
  const second = makeLesion({ id: 'e0000000-0000-4000-8000-0000000000a2', trackingUid: '2.25.51510002', studyInstanceUid: truth.studyInstanceUid, seriesInstanceUid: series, laterality: 'right' });
  saveLesion(db, second, 'AB');
  saveAttachedDrawing(db, circle(second.id, muscleSlice, muscleCentre), second.id, 'AB');
  outDir = path.join(bench.root, 'dataset');
  const result = await exportResearchDataset(db, { studyInstanceUids: [truth.studyInstanceUid], outDir, dateShift: false, nifti: true, appVersion: '0.1.0' });
  expect(result.unsegmented).toEqual([]);
}

function read(mode: 'nifti' | 'seg' | 'frames', ...args: string[]) {
  const run = runPython([READ, mode, ...args]);
  if (run.status !== 0) throw new Error(`read-labels.py ${mode}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}
const ras2lps = (p: readonly number[]) => [-p[0]!, -p[1]!, p[2]!];
const total = (counts: Iterable<number>) => [...counts].reduce((a, b) => a + b, 0);

const c30 = Math.cos(Math.PI / 6);
const c20 = Math.cos((20 * Math.PI) / 180);
const s20 = Math.sin((20 * Math.PI) / 180);

const OBLIQUE = { pixelSpacing: [0.7, 0.7], rowDir: [c30, 0.5, 0], columnDir: [-0.5 * c20, c30 * c20, -s20], signed: true, slope: 0.5, intercept: -1000 };

describe.each([
  ['feet-first, 0.9 x 0.6 mm pixels, shuffled files', { pixelSpacing: [0.9, 0.6], rowDir: [-1, 0, 0], columnDir: [0, 1, 0], patientPosition: 'FFS', order: 'shuffle', uidRoot: '2.25.51511' }, null],
  ['oblique, signed, slope 0.5, files in descending order', { ...OBLIQUE, order: 'reverse', uidRoot: '2.25.51512' }, null],
  ['the oblique one as one Enhanced CT, frames shuffled, every macro per frame', { ...OBLIQUE, uidRoot: '2.25.51513' }, { order: 'shuffle', macros: 'per-frame' }],
])('the labels of a research dataset where the lesion is known: %s', (_name, grid, enhanced) => {
  beforeAll(() => exportPhantom(grid, enhanced), 120_000);
  afterAll(() => bench.close());

  it('puts the label map on the image grid, each label where its circles were drawn, over the lesion', () => {
    const nifti = fs.readdirSync(path.join(outDir, 'nifti'));
    const mask = path.join(outDir, 'nifti', nifti.find((f) => f.endsWith('_mask.nii.gz'))!);
    const found = read('nifti', mask, mask.replace('_mask.nii.gz', '_image.nii.gz'));
    expect(found.mask.dims).toEqual(found.image.dims);
    expect(found.mask.sform).toEqual(found.image.sform);
    expect(found.mask.qform).toEqual(found.image.qform);
    expect([found.mask.sform_code, found.mask.qform_code, found.mask.datatype]).toEqual([1, 1, 2]);
    // NIFTI_INTENT_LABEL: the values name labels (tools then show them as a label map, not intensities).
    expect([found.mask.intent_code, found.image.intent_code]).toEqual([1002, 0]);
    expect(Object.keys(found.labels)).toEqual(['1', '2']);
    const [tumour, muscle] = [found.labels['1'], found.labels['2']] as { voxels: number[][]; ras: number[][]; image: number[] }[];
    // Every voxel the circles hold and no other, each within 2 mm of the circle's centre, on the lesion.
    expect(tumour!.ras.length).toBe(total(expectedPixels.values()));
    expect(new Set(tumour!.voxels.map((v) => v[2])).size).toBe(expectedPixels.size);
    expect(Math.max(...tumour!.ras.map((p) => fromLine(ras2lps(p), tumourCentre, truth.sliceNormal)))).toBeLessThanOrEqual(RADIUS_MM + 1e-3);
    expect(new Set(tumour!.image)).toEqual(new Set([TUMOUR_HU]));
    expect(muscle!.ras.length).toBe(pixelsWithin(muscleSlice, muscleCentre));
    expect(Math.max(...muscle!.ras.map((p) => Math.abs(dot(add(ras2lps(p), muscleSlice.position, -1), truth.sliceNormal))))).toBeLessThan(1e-3);
    expect(Math.max(...muscle!.ras.map((p) => fromLine(ras2lps(p), muscleCentre, truth.sliceNormal)))).toBeLessThanOrEqual(RADIUS_MM + 1e-3);
    expect(new Set(muscle!.image)).toEqual(new Set([50]));
  });

  // dcm2niix 1.0.20220720 misplaces the frames of an enhanced object that are both shuffled and placed
  // per frame (24,000 of its voxels off the slices' world points, read by pydicom): the slices decide.
  it.runIf(enhanced)('writes the NIfTI image of the enhanced file with the single-frame slices\' values at their world points', () => {
    const image = fs.readdirSync(path.join(outDir, 'nifti')).find((f) => f.endsWith('_image.nii.gz'))!;
    const found = compareNifti(path.join(outDir, 'nifti', image), { dicom: path.join(bench.root, 'slices') });
    expect(found.worstGridOffsetVoxels).toBeLessThan(1e-3);
    expect({ outside: found.voxelsOutside, differing: found.voxelsDiffering, compared: found.voxelsCompared }).toEqual({ outside: 0, differing: 0, compared: 60 * 80 * 24 });
  });

  it.skipIf((!HAS_DCM2NIIX && !process.env.CI) || enhanced)('writes the NIfTI image dcm2niix makes of the dataset\'s own DICOM series, voxel for voxel', () => {
    const image = fs.readdirSync(path.join(outDir, 'nifti')).find((f) => f.endsWith('_image.nii.gz'))!;
    const series = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).find((f) => /series-\d+-CT$/.test(f))!;
    const found = compareNifti(path.join(outDir, 'nifti', image), dcm2niix(path.join(outDir, series), path.join(bench.root, 'dcm2niix')));
    expect(found.ours.dims).toEqual(found.theirs!.dims);
    expect(found.worstGridOffsetVoxels).toBeLessThan(1e-3);
    expect({ outside: found.voxelsOutside, differing: found.voxelsDiffering, compared: found.voxelsCompared }).toEqual({ outside: 0, differing: 0, compared: 60 * 80 * 24 });
  });

  it('writes a SEG that dciodvfy accepts, each frame referencing the slice at its position, with the drawn pixels', () => {
    const seg = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => /SEG-series-\d+\.dcm$/.test(f)).map((f) => path.join(outDir, f));
    expect(seg).toHaveLength(1);
    expect(dciodvfy(seg[0]!).errors).toEqual([]);
    const { frames } = read('seg', seg[0]!, path.join(outDir, 'dicom')) as { frames: { segment: number; referencedSop: string; referencedFrame: number; position: number[]; referencedPosition: number[] | null; lps: number[][] }[] };
    for (const frame of frames) {
      expect(frame.referencedPosition, `${frame.referencedSop} frame ${frame.referencedFrame}`).not.toBeNull();
      frame.position.forEach((v, a) => expect(v).toBeCloseTo(frame.referencedPosition![a]!, 4));
    }
    // One SEG frame per drawn image, each on a different one (an enhanced file's frames named by number).
    expect(new Set(frames.filter((f) => f.segment === 1).map((f) => `${f.referencedSop}#${f.referencedFrame}`)).size).toBe(expectedPixels.size);
    const bySegment = (n: number) => frames.filter((f) => f.segment === n);
    expect(bySegment(1).map((f) => f.lps.length).sort()).toEqual([...expectedPixels.values()].sort());
    expect(Math.max(...bySegment(1).flatMap((f) => f.lps.map((p) => fromLine(p, tumourCentre, truth.sliceNormal))))).toBeLessThanOrEqual(RADIUS_MM + 1e-3);
    expect(bySegment(2)).toHaveLength(1);
    expect(bySegment(2)[0]!.lps).toHaveLength(pixelsWithin(muscleSlice, muscleCentre));
    expect(Math.max(...bySegment(2)[0]!.lps.map((p) => fromLine(p, muscleCentre, truth.sliceNormal)))).toBeLessThanOrEqual(RADIUS_MM + 1e-3);
  });
});
