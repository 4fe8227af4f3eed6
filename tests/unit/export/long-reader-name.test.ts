import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNOTATION_SCHEMA_VERSION } from '@shared/annotation/annotation';
import { personName } from '../../../electron/core/export/dicom/person-name';
import { exportSegmentations } from '../../../electron/core/export/seg/export-segmentations';
import { exportMeasurementReports } from '../../../electron/core/export/sr/export-measurement-reports';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { dcmdump, dciodvfy, dsrdump } from './dicom-tools';

// A reader's name may be 200 characters; a DICOM person name holds 64 per component group (PS3.5 6.2).
const LONG_NAME = 'María Fernanda de los Ángeles Gutiérrez-Villanueva y Montenegro Castellanos';
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

let fixture: PhantomFixture;
const lesionId = 'c0000000-0000-4000-8000-0000000000aa';
beforeAll(async () => {
  fixture = await phantomFixture();
  setCurrentReader(fixture.db, { initials: 'MF', name: LONG_NAME });
  const l1 = fixture.truth.lesions.find((l) => l.id === 'L1')!;
  const slice = fixture.truth.slices[l1.involvedSliceIndices.first + 1]!;
  saveLesion(fixture.db, makeLesion({ id: lesionId, trackingUid: '2.25.4242', studyInstanceUid: fixture.truth.studyInstanceUid, seriesInstanceUid: fixture.truth.seriesInstanceUid, largestDimensionMm: typed(12), reader: 'MF' }), 'MF');
  const [x, y, z] = [l1.centreMm.x, l1.centreMm.y, slice.zMm];
  saveAttachedDrawing(fixture.db, {
    schemaVersion: ANNOTATION_SCHEMA_VERSION, id: 'd0000000-0000-4000-8000-0000000000aa', lesionId: null, studyInstanceUid: fixture.truth.studyInstanceUid,
    seriesInstanceUid: fixture.truth.seriesInstanceUid, frameOfReferenceUid: fixture.truth.frameOfReferenceUid, sopInstanceUid: slice.sopInstanceUid, frameNumber: 1,
    viewPlaneNormal: null, viewUp: null, tool: 'EllipticalROI', points: [[x, y - 5, z], [x, y + 5, z], [x - 6, y, z], [x + 6, y, z]], text: null, measurements: { area: 94 },
    reader: 'MF', createdAt: '2026-01-01T10:00:00.000Z', updatedAt: '2026-01-01T10:00:00.000Z',
  }, lesionId, 'MF');
});
afterAll(() => fixture.cleanup());

describe('a reader whose name is longer than a DICOM person name holds', () => {
  it('keeps the family name and as much of the given names as 64 bytes hold', () => {
    const pn = personName(LONG_NAME);
    expect(pn.startsWith('Castellanos^María Fernanda de los Ángeles')).toBe(true);
    expect(utf8Length(pn)).toBeLessThanOrEqual(64);
    expect(personName('Anna Berg')).toBe('Berg^Anna');
    // A CJK name (3 bytes a character) keeps whole characters: the family name, then 6 of 15 given.
    expect(personName(`${'山'.repeat(15)} ${'田'.repeat(15)}`)).toBe(`${'田'.repeat(15)}^${'山'.repeat(6)}`);
  });

  it('is the observer of an SR and the content creator of a SEG that dciodvfy finds no error in', () => {
    const [report] = exportMeasurementReports(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'long-name'), { appVersion: '0.1.0', reader: 'MF' });
    expect(dciodvfy(report!.file).errors).toEqual([]);
    const dump = dsrdump(report!.file);
    expect(dump.code, dump.stderr).toBe(0);
    expect(dump.stdout).toContain('(121008,DCM,"Person Observer Name")="Castellanos^María Fernanda de los Ángeles');
    const { files } = exportSegmentations(fixture.db, fixture.truth.studyInstanceUid, path.join(fixture.dataDir, 'long-name'), { appVersion: '0.1.0', lesionIds: [lesionId] });
    expect(dciodvfy(files[0]!.file).errors).toEqual([]);
    expect(dcmdump(files[0]!.file)).toContain('(0070,0084) PN [Castellanos^María Fernanda de los Ángeles');
  });
});
