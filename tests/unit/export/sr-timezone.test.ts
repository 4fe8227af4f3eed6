import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDataset } from '../../../electron/core/export/dicom/export-file';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { decisionDocument } from '../../../electron/core/pacs/decision-document';
import { publicationStudyContext } from '../../../electron/core/pacs/team-study-context';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dcmdump } from './dicom-tools';

// An SR declares Timezone Offset From UTC "+0000" (its record times are UTC DT values without an
// offset), and that offset holds for every DA and TM of the object too (PS3.3 C.12.1.1.8): its
// creation and content date and time must then be UTC, not the workstation's wall clock. Here the
// workstation is in India (+05:30), where 2026-01-02 20:00 UTC is already 01:30 on the 3rd.

const AT = new Date('2026-01-02T20:00:00.000Z');
const attribute = (dump: string, tag: string) => new RegExp(`\\(${tag}\\) \\w\\w \\[([^\\]]*)\\]`).exec(dump)?.[1];
const times = (file: string) => {
  const dump = dcmdump(file);
  return { offset: attribute(dump, '0008,0201'), creation: [attribute(dump, '0008,0012'), attribute(dump, '0008,0013')], content: [attribute(dump, '0008,0023'), attribute(dump, '0008,0033')] };
};

let fixture: PhantomFixture;
const savedTz = process.env.TZ;
beforeAll(async () => {
  fixture = await phantomFixture();
  process.env.TZ = 'Asia/Kolkata';
});
afterAll(() => {
  process.env.TZ = savedTz;
  if (savedTz === undefined) delete process.env.TZ;
  fixture.cleanup();
});

describe('the dates of an SR that declares its times UTC, written on a workstation east of Greenwich', () => {
  it('the SR export writes its creation and content date and time in UTC', () => {
    expect(new Date(AT).getHours()).toBe(1); // the zone took effect: 01:30 local
    const [report] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'sr'), { appVersion: '0.1.0', now: AT });
    expect(times(report!.file)).toEqual({ offset: '+0000', creation: ['20260102', '200000'], content: ['20260102', '200000'] });
  });

  it('a decision published to the team does too', () => {
    const lesion = fixture.lesions[0]!;
    const document = decisionDocument({
      kind: 'review', studyInstanceUid: fixture.truth.studyInstanceUid, reader: { initials: 'CD', name: 'Carl Dahl' }, workstation: { id: '0f000000-0000-4000-8000-000000000002', name: 'ortho-1' },
      version: 1, instanceNumber: 1, seriesInstanceUid: '2.25.5242', sopInstanceUid: '2.25.5243', at: AT.toISOString(),
      review: { id: 'f0000000-0000-4000-8000-000000000001', lesionId: lesion.id, decision: 'observe', comment: '', reviewer: 'CD', reviewerRole: 'surgeon', createdAt: AT.toISOString() },
      lesion: { id: lesion.id, trackingUid: lesion.trackingUid, reader: 'AB' },
    }, publicationStudyContext(fixture.db, fixture.truth.studyInstanceUid, [lesion]), '0.1.0');
    const file = path.join(fixture.dataDir, 'decision.dcm');
    fs.writeFileSync(file, encodeDataset(document));
    expect(times(file)).toEqual({ offset: '+0000', creation: ['20260102', '200000'], content: ['20260102', '200000'] });
  });
});
