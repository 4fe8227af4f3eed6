import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportResearchDataset } from '../../../electron/core/export/dataset/research-export';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { makeLesion } from '../../support/lesion-fixtures';
import { saveAttachedDrawing } from '../../support/attach-drawing';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';

// A NIfTI label map holds one label per voxel; a SEG holds each lesion's whole area. Where a later
// lesion's area covers an earlier one's, the label map keeps the later label: the earlier lesion's
// manifest row points at a label with fewer voxels than were drawn (here none). The dataset must say
// so, with the counts, or the CSV, the SEG and the NIfTI disagree without a word.
let fixture: PhantomFixture;
const LATER = 'c0000000-0000-4000-8000-0000000000e1';
beforeAll(async () => {
  fixture = await phantomFixture();
  const [, right] = fixture.lesions;
  const circle = fixture.annotations.find((a) => a.tool === 'CircleROI')!;
  saveLesion(fixture.db, makeLesion({ ...right!, id: LATER, trackingUid: '2.25.5550001', boneAnalysis: null, circumferentialInvolvementPct: null, axialInvolvementMm: null, attachedAnnotationIds: [], createdAt: '2026-01-04T09:00:00Z' }), 'AB');
  saveAttachedDrawing(fixture.db, { ...circle, id: 'c0000000-0000-4000-8000-0000000000e2', lesionId: null }, LATER, 'AB');
});
afterAll(() => fixture.cleanup());

describe('a research dataset where one lesion\'s drawn area covers another\'s', () => {
  it('says in the README and the job notes how many of the earlier lesion\'s voxels hold the later label in the label map', async () => {
    const outDir = path.join(fixture.dataDir, 'overlap');
    const result = await exportResearchDataset(fixture.db, { studyInstanceUids: [fixture.truth.studyInstanceUid], outDir, dateShift: false, nifti: true, appVersion: '0.1.0' });
    const manifest = fs.readFileSync(path.join(outDir, 'manifest.csv'), 'utf8').trim().split('\r\n').map((r) => r.split(','));
    const label = manifest[0]!.indexOf('nifti_label');
    expect(manifest.slice(1).map((r) => r[label])).toEqual(['1', '2', '3']);
    const overlap = result.labelOverlaps.filter((n) => /label 2\b/.test(n.subject));
    expect(overlap).toHaveLength(1);
    expect(overlap[0]!.reason).toMatch(/^all (\d+) of the \1 voxels drawn for this lesion hold label 3 in the label map/);
    expect(overlap[0]!.reason).toContain('the SEG keeps each lesion\'s whole area');
    expect(fs.readFileSync(path.join(outDir, 'README.md'), 'utf8')).toContain(overlap[0]!.reason);
    expect(result.labelOverlaps).toHaveLength(1);
    expect(result.niftiSkipped).toEqual([]);
  });
});
