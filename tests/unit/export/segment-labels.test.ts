import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION } from '@shared/annotation/annotation';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dciodvfy, dsrdump } from './dicom-tools';
import { runPython } from '../../support/python-runner';

// A segment's label (LO: 64) names the lesion's place: "Lesion 3: Femur, Intertrochanteric
// (peritrochanteric) femur, right" is 66 characters, and cutting it at 64 left "..., ri": the side
// of the lesion lost from the label a SEG viewer shows.

let fixture: PhantomFixture;
const lesionId = 'c0000000-0000-4000-8000-0000000000b3';
beforeAll(async () => {
  fixture = await phantomFixture();
  const slice = fixture.truth.slices[12]!;
  saveLesion(fixture.db, makeLesion({ id: lesionId, trackingUid: '2.25.31337', studyInstanceUid: fixture.truth.studyInstanceUid, seriesInstanceUid: fixture.truth.seriesInstanceUid, boneId: 'femur', regionId: 'femur-intertrochanteric', laterality: 'right', largestDimensionMm: typed(20), status: 'final' }), 'AB');
  const [x, y, z] = [fixture.truth.femora.find((f) => f.side === 'right')!.centreXMm, fixture.truth.femora.find((f) => f.side === 'right')!.centreYMm, slice.zMm];
  saveAttachedDrawing(fixture.db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'd0000000-0000-4000-8000-0000000000b3', lesionId: null, studyInstanceUid: fixture.truth.studyInstanceUid,
    seriesInstanceUid: fixture.truth.seriesInstanceUid, frameOfReferenceUid: fixture.truth.frameOfReferenceUid, sopInstanceUid: slice.sopInstanceUid, frameNumber: 1,
    viewPlaneNormal: null, viewUp: null, tool: 'EllipticalROI', points: [[x, y - 5, z], [x, y + 5, z], [x - 6, y, z], [x + 6, y, z]], text: null, measurements: { area: 94 },
    reader: 'AB', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  }, lesionId, 'AB');
});
afterAll(() => fixture.cleanup());

describe('the label of a lesion whose place takes more than a LO holds', () => {
  it('keeps the lesion number and its side whole in the SEG, within 64 characters, and the SR tracks it by the same identifier', () => {
    const { files } = exportSegmentations(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'seg'), { appVersion: '0.1.0' });
    expect(dciodvfy(files[0]!.file).errors).toEqual([]);
    const script = 'import json,sys,pydicom\nd=pydicom.dcmread(sys.argv[1])\nprint(json.dumps([[s.SegmentLabel, s.TrackingID, s.TrackingUID] for s in d.SegmentSequence]))';
    const read = runPython(['-c', script, files[0]!.file]);
    expect(read.status, read.stderr).toBe(0);
    const [label, trackingId] = (JSON.parse(read.stdout) as [string, string, string][]).find((s) => s[2] === '2.25.31337')!;
    expect(label.length).toBeLessThanOrEqual(64);
    expect(label).toMatch(/^Lesion \d+: .*Intertrochanteric.*, right$/);
    expect(trackingId).toBe(label);
    const [report] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'sr'), { appVersion: '0.1.0' });
    expect(dsrdump(report!.file).stdout).toContain(`(112039,DCM,"Tracking Identifier")="${label}"`);
  });
});
