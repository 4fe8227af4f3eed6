import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION, type Annotation, type AnnotationTool, type WorldPoint } from '@shared/annotation/annotation';
import { annotationItems } from '../../../electron/core/export/sr/annotation-items';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { readMeasurementReport } from '../../../electron/core/export/sr/read-measurement-report';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy, dsrdump } from './dicom-tools';

// Drawings as the viewer stores them: Cornerstone's own figure names (length, area, mean, angle...)
// and contours whose last point may already close them.

let fixture: PhantomFixture;
let drawings: Annotation[];
let file: string;
beforeAll(async () => {
  fixture = await phantomFixture();
  const lesion = fixture.lesions[0]!;
  const slice = fixture.truth.slices[20]!;
  const z = slice.zMm;
  let n = 0;
  const drawing = (tool: AnnotationTool, points: WorldPoint[], measurements: Record<string, number>, text: string | null = null): Annotation => ({
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: `d0000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, lesionId: null,
    studyInstanceUid: fixture.truth.studyInstanceUid, seriesInstanceUid: fixture.truth.seriesInstanceUid, frameOfReferenceUid: fixture.truth.frameOfReferenceUid,
    sopInstanceUid: slice.sopInstanceUid, frameNumber: 1, viewPlaneNormal: null, viewUp: null, tool, points, text, measurements,
    reader: 'AB', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  });
  drawings = [
    drawing('Length', [[0, 0, z], [10, 0, z]], { length: 10 }),
    drawing('Bidirectional', [[0, 0, z], [10, 0, z], [5, -3, z], [5, 3, z]], { length: 10, width: 6 }),
    drawing('EllipticalROI', [[0, -5, z], [0, 5, z], [-8, 0, z], [8, 0, z]], { area: 125.5, mean: 40, stdDev: 3, max: 50, min: 30 }),
    drawing('CircleROI', [[0, 0, z], [4, 0, z]], { area: 50.25, mean: 10, radius: 4, perimeter: 25.125 }),
    // A closed freehand contour whose last point repeats its first, as Cornerstone may keep it.
    drawing('PlanarFreehandROI', [[0, 0, z], [5, 0, z], [5, 5, z], [0, 5, z], [0, 0, z]], { area: 25 }),
    drawing('PlanarFreehandROI', [[0, 0, z], [5, 0, z], [7, 3, z]], { length: 9 }),
    drawing('Angle', [[0, 0, z], [5, 0, z], [5, 5, z]], { angle: 90 }),
    drawing('Probe', [[1, 1, z]], { value: 33 }),
    drawing('ArrowAnnotate', [[1, 1, z], [9, 9, z]], {}, 'Fraktur → ここ'),
    drawing('CorticalInvolvement', [[0, 0, z], [10, 0, z], [0, 10, z]], { arcPercent: 25, arcDegrees: 90, axialExtentMm: 12, axialSliceCount: 5 }),
  ].map((d) => saveAttachedDrawing(fixture.db, d, lesion.id, 'AB'));
  file = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'drawings'), { appVersion: '0.1.0' })[0]!.file;
});
afterAll(() => fixture.cleanup());

describe('the viewer\'s drawings in the Measurement Report', () => {
  it('restores every drawing tool, a contour already closed by its last point included', () => {
    expect(dciodvfy(file).errors).toEqual([]);
    const restored = readMeasurementReport(file).annotations;
    for (const d of drawings) expect(restored.find((a) => a.id === d.id)).toEqual(d);
  });

  it('writes the viewer\'s figures with their UCUM units: mm, mm2, deg, HU on CT', () => {
    const dump = dsrdump(file);
    expect(dump.code, dump.stderr).toBe(0);
    const unitOf = (key: string) => [...new Set(dump.stdout.split('\n').filter((l) => l.includes(`(BM-MEAS-${key},`)).map((l) => /\(([^,]+),UCUM,/.exec(l)?.[1]))];
    expect(Object.fromEntries(['length', 'width', 'radius', 'perimeter', 'area', 'angle', 'arcDegrees', 'arcPercent', 'axialExtentMm', 'mean', 'stdDev', 'max', 'min', 'value', 'axialSliceCount'].map((k) => [k, unitOf(k)]))).toEqual({
      length: ['mm'], width: ['mm'], radius: ['mm'], perimeter: ['mm'], area: ['mm2'], angle: ['deg'], arcDegrees: ['deg'], arcPercent: ['%'], axialExtentMm: ['mm'],
      mean: ["[hnsf'U]"], stdDev: ["[hnsf'U]"], max: ["[hnsf'U]"], min: ["[hnsf'U]"], value: ["[hnsf'U]"], axialSliceCount: ['1'],
    });
  });

  it('writes an open freehand contour (a length, no area) as a POLYLINE, a closed one as a POLYGON', () => {
    const graphicType = (d: Annotation) => {
      const item = annotationItems(d, { sopClassUid: '1.2.840.10008.5.1.4.1.1.2', multiFrame: false, deidentified: false, pixelPlane: null, spacingPlane: 'patient' });
      return (item.ContentSequence as Record<string, unknown>[]).find((c) => c.ValueType === 'SCOORD3D')!.GraphicType;
    };
    const [closed, open] = drawings.filter((d) => d.tool === 'PlanarFreehandROI');
    expect([graphicType(closed!), graphicType(open!)]).toEqual(['POLYGON', 'POLYLINE']);
  });
});
