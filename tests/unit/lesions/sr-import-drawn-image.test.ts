import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denaturalize, encodePart10Dict, naturalize, parsePart10 } from '../../../electron/core/export/dicom/part10-io';
import { SR } from '../../../electron/core/export/dicom/codes';
import { childNamed, childrenNamed, childrenOf, conceptOf, isCode, type ContentNode } from '../../../electron/core/export/sr/content-reader';
import { importMeasurementReport } from '../../../electron/core/export/sr/import-measurement-report';
import { BM } from '../../../electron/core/export/sr/private-codes';
import { readAnnotation } from '../../../electron/core/lesions/annotation-store';
import type { PhantomFixture } from '../export/dicom-export-fixture';
import { srOfPhantom } from '../../support/sr-of-phantom';

// A report is a file anyone can edit. Restored, a drawing naming a frame its (indexed, one-frame)
// image lacks is refused as saving it is: its SR would reference a frame that does not exist.
let fixture: PhantomFixture;
let report: string;
beforeAll(async () => {
  ({ fixture, report } = await srOfPhantom());
});
afterAll(() => fixture.cleanup());

/** The report with one drawing moved to frame `frame` of its image, content and JSON record alike (so that only the image check stands in the way). */
function withDrawingOnFrame(annotationId: string, frame: number, out: string): void {
  const { meta, dict } = parsePart10(fs.readFileSync(report), report);
  const dataset = naturalize(dict) as ContentNode;
  const measurements = childNamed(dataset, SR.imagingMeasurements, 'CONTAINER')!;
  let edited = 0;
  for (const group of childrenOf(measurements).filter((c) => isCode(conceptOf(c), SR.measurementGroup))) {
    const recordNode = childNamed(group, BM.record, 'TEXT')!;
    const record = JSON.parse(String(recordNode.TextValue)) as { annotations: { id: string; frameNumber: number }[] };
    const i = record.annotations.findIndex((a) => a.id === annotationId);
    if (i < 0) continue;
    record.annotations[i]!.frameNumber = frame;
    recordNode.TextValue = JSON.stringify(record);
    const source = childNamed(childrenNamed(group, BM.annotation, 'CODE')[i]!, SR.sourceOfMeasurement, 'IMAGE')!;
    (source.ReferencedSOPSequence as ContentNode[])[0]!.ReferencedFrameNumber = String(frame);
    edited++;
  }
  expect(edited).toBe(1);
  fs.writeFileSync(out, encodePart10Dict(meta, denaturalize(dataset as never)));
}

describe('importing an SR whose drawing names its image wrongly', () => {
  it('refuses a drawing on a frame its indexed image lacks, and writes nothing', () => {
    const drawing = fixture.annotations.at(-1)!;
    const edited = path.join(fixture.dataDir, 'frame-7.dcm');
    withDrawingOnFrame(drawing.id, 7, edited);
    const rows = fixture.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    // The reader importing a report cannot draw it again: the words say what went wrong with the report.
    expect(() => importMeasurementReport(fixture.db, edited, 'AB', { replace: true })).toThrow(
      `The drawing is on frame 7 of image ${drawing.sopInstanceUid}, which has 1 frame: the report it came from does not match the images indexed here, so it was not restored.`,
    );
    expect(readAnnotation(fixture.db, drawing.id)!.frameNumber).toBe(1);
    expect(fixture.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(rows);
  });

  it('still restores the report as written', () => {
    const restored = importMeasurementReport(fixture.db, report, 'AB', { replace: true });
    expect(restored.annotations.map((a) => a.id).sort()).toEqual(fixture.annotations.map((a) => a.id).sort());
  });
});
