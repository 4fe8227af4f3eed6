import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation, type WorldPoint } from '@shared/annotation/annotation';
import { coreInternals } from '../../../electron/core/app-core';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { saveAnnotation } from '../../../electron/core/lesions/annotation-store';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { makeLesion } from '../../support/lesion-fixtures';
import { openPhantomBench, writeCylinderPhantom, type CylinderTruth, type PhantomBench } from '../../support/cylinder-phantom';
import { REPO_ROOT } from '../../support/paths';
import { dciodvfy } from './dicom-tools';
import { runPython } from '../../support/python-runner';

// DICOM SEG of series written on geometries the app's phantom never uses: each frame must name
// the image its area was drawn on, sit at that image's position, and its pixels must lie where
// the drawing is in patient space, as pydicom places them from the source image alone.

let bench: PhantomBench;
beforeAll(() => {
  bench = openPhantomBench('seg-geometry');
  setCurrentReader(coreInternals(bench.core).db, { initials: 'AB', name: 'Anna Berg' });
});
afterAll(() => bench.close());

interface SegFrame { segment: number; sop: string; positionMatches: boolean; orientationMatches: boolean; spacingMatches: boolean; centroid: number[]; pixels: number }

let counter = 0;
const id = (kind: 'a' | 'b') => `${kind}0000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** A disc of `radiusMm` drawn (CircleROI) on each named slice, centred `offset` mm off the slice's centre along its rows and columns. */
function drawDiscs(truth: CylinderTruth, spec: { rowDir: number[]; columnDir: number[] }, slices: number[], radiusMm: number, offset: [number, number]) {
  const db = coreInternals(bench.core).db;
  const lesionId = id('b');
  const frameOfReferenceUid = truth.seriesInstanceUid.replace(/\.2$/, '.3');
  const base = { studyInstanceUid: truth.studyInstanceUid, seriesInstanceUid: truth.seriesInstanceUid };
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
  const [r, c] = [unit(spec.rowDir), unit(spec.columnDir)];
  const annotations: Annotation[] = slices.map((k) => {
    const slice = truth.slices[k]!;
    // The phantom's slice centre: its first pixel plus half the grid (57 columns, 41 rows, pixels as the spec).
    return { slice, centre: [0, 1, 2].map((a) => slice.position[a]! + (28 * spacingOf(spec)[1] + offset[0]) * r[a]! + (20 * spacingOf(spec)[0] + offset[1]) * c[a]!) as WorldPoint };
  }).map(({ slice, centre }) => ({
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: id('a'), lesionId, ...base, frameOfReferenceUid, sopInstanceUid: slice.sopInstanceUid, frameNumber: 1, viewPlaneNormal: null, viewUp: null,
    tool: 'CircleROI', points: [centre, centre.map((v, a) => v + radiusMm * r[a]!) as WorldPoint], text: null, measurements: { area: Math.PI * radiusMm ** 2 },
    reader: 'AB', createdAt: '2026-01-01T10:00:00Z', updatedAt: '2026-01-01T10:00:00Z',
  }));
  saveLesion(db, makeLesion({ id: lesionId, trackingUid: `2.25.6161${counter}`, ...base, attachedAnnotationIds: annotations.map((a) => a.id) }), 'AB');
  for (const a of annotations) saveAnnotation(db, a, 'AB');
  return annotations;
}

const spacingOf = (spec: Record<string, unknown>) => (spec.pixelSpacing as [number, number] | undefined) ?? [0.7, 0.7];

function readSeg(file: string, sourceDir: string): SegFrame[] {
  const read = runPython([path.join(REPO_ROOT, 'tests/support/read-seg-frames.py'), file, sourceDir]);
  expect(read.status, read.stderr).toBe(0);
  return JSON.parse(read.stdout) as SegFrame[];
}

describe('DICOM SEG of series from other scanners', () => {
  it.each([
    ['an axial series holding a sagittal localiser', { rowDir: [1, 0, 0], columnDir: [0, 1, 0], localizer: true }],
    ['sagittal, 0.5 x 0.8 mm pixels, shuffled files', { rowDir: [0, 1, 0], columnDir: [0, 0, -1], pixelSpacing: [0.5, 0.8], order: 'shuffle' }],
    ['coronal, feet-first, files in descending order', { rowDir: [-1, 0, 0], columnDir: [0, 0, -1], patientPosition: 'FFS', order: 'reverse' }],
    ['oblique, with a gantry tilt', { rowDir: [Math.cos(0.5), Math.sin(0.5), 0], columnDir: [-Math.sin(0.5) * Math.cos(0.3), Math.cos(0.5) * Math.cos(0.3), -Math.sin(0.3)], shear: 0.2 }],
  ])('puts each frame on the image it was drawn on, its pixels where the drawing is: %s', async (_name, spec) => {
    const folder = path.join(bench.root, `series-${++counter}`);
    const truth = writeCylinderPhantom({ sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], ...spec, uidRoot: `2.25.6262${counter}` }, folder);
    await bench.importFolder(folder);
    const drawn = drawDiscs(truth, spec, [3, 4, 8], 4, [3.1, -2.3]);
    const { files, unsegmented } = exportSegmentations(coreInternals(bench.core).db, truth.studyInstanceUid, path.join(bench.root, `seg-${counter}`), { appVersion: '0.1.0' });
    expect(unsegmented).toEqual([]);
    expect(files).toHaveLength(1);
    expect(dciodvfy(files[0]!.file).errors).toEqual([]);
    const frames = readSeg(files[0]!.file, folder);
    expect(frames.map((f) => f.sop).sort()).toEqual(drawn.map((a) => a.sopInstanceUid).sort());
    const [rowSpacing, columnSpacing] = spacingOf(spec);
    for (const frame of frames) {
      const drawing = drawn.find((a) => a.sopInstanceUid === frame.sop)!;
      expect([frame.segment, frame.positionMatches, frame.orientationMatches, frame.spacingMatches]).toEqual([1, true, true, true]);
      // The disc's centre, within a third of a pixel; its area within 15% (a 4 mm disc on pixels up to 0.8 mm).
      expect(Math.hypot(...frame.centroid.map((v, a) => v - drawing.points[0]![a]!))).toBeLessThan(Math.max(rowSpacing, columnSpacing) / 3);
      expect(frame.pixels * rowSpacing * columnSpacing).toBeGreaterThan(0.85 * Math.PI * 16);
      expect(frame.pixels * rowSpacing * columnSpacing).toBeLessThan(1.15 * Math.PI * 16);
    }
  });

  it('writes the research dataset of a series holding a localiser, with its SEG and label map', async () => {
    const folder = path.join(bench.root, `series-${++counter}`);
    const truth = writeCylinderPhantom({ sliceCount: 12, rows: 41, columns: 57, lesion: null, supersampling: 1, centre: [30, -20, 400], localizer: true, uidRoot: `2.25.6262${counter}` }, folder);
    await bench.importFolder(folder);
    drawDiscs(truth, { rowDir: [1, 0, 0], columnDir: [0, 1, 0] }, [5], 4, [0, 0]);
    const outDir = path.join(bench.root, `dataset-${counter}`);
    const result = await exportResearchDataset(coreInternals(bench.core).db, { studyInstanceUids: [truth.studyInstanceUid], outDir, dateShift: false, nifti: true, appVersion: '0.1.0' });
    // One SEG; the series' image and its label map.
    expect([result.segFiles, result.niftiFiles, result.unsegmented]).toEqual([1, 2, []]);
  });
});
