import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyInstances } from '../../../electron/core/index/instance-queries';
import { addAnnotationRegion, lesionMasks } from '../../../electron/core/export/seg/annotation-masks';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { packBinaryFrames } from '../../../electron/core/export/seg/pack-bits';
import { buildSegmentation } from '../../../electron/core/export/seg/segmentation';
import { fillEllipse, fillPolygon } from '../../../electron/core/export/seg/rasterize';
import { imageKey, sliceGeometryOf, type SliceGeometry } from '../../../electron/core/export/seg/slice-geometry';
import { inLesion } from '../../../electron/core/phantom/lesion';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy } from './dicom-tools';
import { runPython } from '../../support/python-runner';

let fixture: PhantomFixture;
let slices: Map<string, SliceGeometry>;
beforeAll(async () => {
  fixture = await phantomFixture();
  slices = new Map(studyInstances(fixture.db, fixture.truth.studyInstanceUid).map((i) => [imageKey(i.sopInstanceUid, 1), sliceGeometryOf(i)!]));
});
afterAll(() => fixture.cleanup());

const count = (mask: Uint8Array) => mask.reduce((n, v) => n + v, 0);

describe('rasterising annotation areas', () => {
  it('fills pixels whose centres lie inside a polygon or an ellipse', () => {
    const square = new Uint8Array(20 * 20);
    fillPolygon(square, 20, 20, [[2.5, 2.5], [12.5, 2.5], [12.5, 12.5], [2.5, 12.5]]);
    expect(count(square)).toBe(100);
    const ellipse = new Uint8Array(200 * 200);
    fillEllipse(ellipse, 200, 200, [100, 100], [60, 0], [0, 30]);
    expect(count(ellipse) / (Math.PI * 60 * 30)).toBeCloseTo(1, 2);
  });

  it('packs binary frames back to back, least significant bit first', () => {
    expect([...packBinaryFrames([new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]), new Uint8Array([1, 1, 0, 0, 0, 0, 0, 0, 0, 0])], 10)]).toEqual([0b00000001, 0b00001110, 0, 0]);
  });

  it('covers the phantom tumour where the cortical-involvement arc was measured', () => {
    const cortical = fixture.annotations.find((a) => a.tool === 'CorticalInvolvement')!;
    const { masks, inferred } = lesionMasks([cortical], slices);
    expect(inferred).toBe(true);
    const mask = masks.get(imageKey(cortical.sopInstanceUid!, 1))!;
    const g = slices.get(imageKey(cortical.sopInstanceUid!, 1))!;
    const l1 = fixture.truth.lesions.find((l) => l.id === 'L1')!;
    const femur = fixture.truth.femora.find((f) => f.side === 'left')!;
    const spec = { id: 'L1', side: 'left' as const, arcStartDeg: l1.arcStartDeg, arcEndDeg: l1.arcEndDeg, zStartMm: l1.zStartMm, zEndMm: l1.zEndMm, marrowDepthMm: femur.innerRadiusMm - l1.tumourInnerRadiusMm };
    let tumour = 0;
    let hit = 0;
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.columns; c++) {
        const inside = inLesion(g.origin[0] + c * g.spacing[1], g.origin[1] + r * g.spacing[0], femur, spec);
        tumour += inside ? 1 : 0;
        hit += inside && mask[r * g.columns + c] ? 1 : 0;
      }
    }
    expect(hit / count(mask)).toBeGreaterThan(0.85); // precision: the sector is tumour
    expect(hit / tumour).toBeGreaterThan(0.6); // recall: the inner marrow part is left out by design
  });

  it('fills no pixel for an open freehand contour: Cornerstone measured it as a length, it encloses no area', () => {
    const g = [...slices.values()][20]!;
    const z = g.origin[2];
    const open = { tool: 'PlanarFreehandROI' as const, points: [[0, 0, z], [20, 0, z], [20, 20, z]] as [number, number, number][], measurements: { length: 40 } };
    const mask = new Uint8Array(g.rows * g.columns);
    expect(addAnnotationRegion(mask, g, open)).toBeNull();
    expect(count(mask)).toBe(0);
    // The same points closed (an area measured) fill the triangle: 200 mm2, in pixels of the slice.
    expect(addAnnotationRegion(mask, g, { ...open, measurements: { area: 200, perimeter: 68.3 } })).toBe('drawn');
    const pixels = 200 / (g.spacing[0] * g.spacing[1]);
    expect(count(mask)).toBeGreaterThan(0.6 * pixels);
    expect(count(mask)).toBeLessThan(1.4 * pixels);
  });
});

describe('the DICOM Segmentation', () => {
  it('has one segment per lesion with coded properties and passes dciodvfy with no error', () => {
    const { files, unsegmented } = exportSegmentations(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'seg'), { appVersion: '0.1.0' });
    expect(unsegmented).toEqual([]);
    expect(files).toHaveLength(1);
    const check = dciodvfy(files[0]!.file);
    expect(check.output).toMatch(/Segmentation/);
    expect(check.errors).toEqual([]);
    // An independent reader decodes the frames and their per-frame references.
    const script = `
import json, sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
frames = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
print(json.dumps({
  "segments": [[int(s.SegmentNumber), s.SegmentLabel, s.SegmentAlgorithmType, s.SegmentedPropertyCategoryCodeSequence[0].CodeValue, s.SegmentedPropertyTypeCodeSequence[0].CodeValue, s.TrackingUID] for s in ds.SegmentSequence],
  "frames": [[int(f.SegmentIdentificationSequence[0].ReferencedSegmentNumber), f.DerivationImageSequence[0].SourceImageSequence[0].ReferencedSOPInstanceUID, int(frames[i].sum())] for i, f in enumerate(ds.PerFrameFunctionalGroupsSequence)],
  "series": ds.ReferencedSeriesSequence[0].SeriesInstanceUID, "frame_of_reference": ds.FrameOfReferenceUID}))`;
    const read = runPython(['-c', script, files[0]!.file]);
    expect(read.status, read.stderr).toBe(0);
    const seg = JSON.parse(read.stdout) as { segments: [number, string, string, string, string, string][]; frames: [number, string, number][]; series: string; frame_of_reference: string };
    expect(seg.series).toBe(fixture.truth.seriesInstanceUid);
    expect(seg.frame_of_reference).toBe(fixture.truth.frameOfReferenceUid);
    expect(seg.segments).toEqual([
      [1, 'Lesion 1: Femur, Femoral diaphysis (shaft), left', 'SEMIAUTOMATIC', '49755003', '14799000', fixture.lesions[0]!.trackingUid],
      [2, 'Lesion 2: Femur, Subtrochanteric femur, right', 'MANUAL', '49755003', '14799000', fixture.lesions[1]!.trackingUid],
    ]);
    // Every frame is the lesion's mask on the image its annotations were drawn on.
    fixture.lesions.forEach((lesion, i) => {
      const { masks } = lesionMasks(fixture.annotations.filter((a) => a.lesionId === lesion.id), slices);
      const frames = seg.frames.filter(([n]) => n === i + 1);
      expect(new Map(frames.map(([, sop, pixels]) => [imageKey(sop, 1), pixels]))).toEqual(new Map([...masks].map(([key, m]) => [key, count(m)])));
    });
  });
});

describe('the Image Position dimension of a SEG over frames that share places', () => {
  it('gives frames at one place (two b-values of an enhanced MR) one position index, counting places, not images', () => {
    const slice = (frameNumber: number, z: number): SliceGeometry => ({
      sopInstanceUid: '2.25.7001', sopClassUid: '1.2.840.10008.5.1.4.1.1.4.1', frameNumber, framesInFile: 4, rows: 4, columns: 4,
      origin: [0, 0, z], rowDirection: [1, 0, 0], columnDirection: [0, 1, 0], spacing: [1, 1], sliceThickness: 2,
    });
    // Frames 1-2 at z 0 (b 0 and b 800), frames 3-4 at z 2; the lesion drawn on frames 2 and 4.
    const slices = [slice(1, 0), slice(2, 0), slice(3, 2), slice(4, 2)];
    const mask = new Uint8Array(16).fill(1);
    const seg = buildSegmentation({
      header: {}, seriesInstanceUid: '2.25.7002', frameOfReferenceUid: '2.25.7003', slices, sliceThickness: 2,
      segments: [{ label: 'Lesion 1', trackingId: 'Lesion 1', trackingUid: '2.25.7004', anatomicRegion: null, laterality: null, masks: new Map([[imageKey('2.25.7001', 2), mask], [imageKey('2.25.7001', 4), mask]]), inferred: false }],
      contentCreator: '', segSeriesInstanceUid: '2.25.7005', segSopInstanceUid: '2.25.7006', dimensionOrganizationUid: '2.25.7007', appVersion: '0.1.0',
      dates: { creation: null, content: { date: '20260301', time: '100000' } },
    }) as unknown as { PerFrameFunctionalGroupsSequence: { FrameContentSequence: { DimensionIndexValues: number[] }[]; DerivationImageSequence: { SourceImageSequence: { ReferencedFrameNumber?: number }[] }[] }[] };
    const frames = seg.PerFrameFunctionalGroupsSequence;
    expect(frames.map((f) => f.FrameContentSequence[0]!.DimensionIndexValues)).toEqual([[1, 1], [1, 2]]);
    expect(frames.map((f) => f.DerivationImageSequence[0]!.SourceImageSequence[0]!.ReferencedFrameNumber)).toEqual([2, 4]);
  });
});
