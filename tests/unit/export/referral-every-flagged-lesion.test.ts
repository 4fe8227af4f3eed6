import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { pdfText } from './pdf-tools';

// The worklist flags a lesion whose urgency could be above routine while inputs are missing; the
// referral packet made for that study must carry it as it carries a lesion urgent as recorded: its
// score ranges, its reasons and what is missing, under the referring reader. Before, the packet
// held the urgent lesion only and named the other in one line of page 1, without its scores.
let dataDir: string;
let core: AppCore;
let study: string;
const URGENT = 'e1000000-0000-4000-8000-000000000001';
const COULD_BE = 'e1000000-0000-4000-8000-000000000002';
beforeAll(async () => {
  dataDir = temporaryFolder('referral-every-flagged');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')] });
  await coreInternals(core).importJobs.wait(jobId);
  study = (await core.handlers['studies.search']({}))[0]!.studyInstanceUid;
  const { series } = await core.handlers['studies.get']({ studyInstanceUid: study });
  const common = { studyInstanceUid: study, seriesInstanceUid: series[0]!.seriesInstanceUid, reader: 'AB' };
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  await core.handlers['lesions.save']({ lesion: makeLesion({ ...common, id: URGENT, trackingUid: '2.25.1101', nature: 'lytic', axialInvolvementMm: typed(31) }) });
  // Routine as recorded, an emergency at worst: nothing recorded but the bone, not even the neurology.
  await core.handlers['lesions.save']({ lesion: makeLesion({ ...common, id: COULD_BE, trackingUid: '2.25.1102', boneId: 'humerus', regionId: null, laterality: 'right' }) });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the referral packet of a study whose worklist flags two lesions', () => {
  it('carries both, the one that could be an emergency with its score ranges, reasons and missing inputs', async () => {
    const worklist = await core.handlers['worklist.get']({});
    expect(worklist.rows.map((r) => r.lesionId).sort()).toEqual([URGENT, COULD_BE]);
    const out = path.join(dataDir, 'referral');
    const { jobId } = await core.handlers['export.start']({ kind: 'referral', studyInstanceUids: [study], destination: out, purpose: 'clinical', includeAll: false });
    const status = await core.handlers['export.status']({ jobId, waitMs: 60_000 });
    expect(status.state, JSON.stringify(status.error)).toBe('done');
    const text = pdfText(path.join(out, 'referral.pdf')).flat;
    expect(text).toContain('2 shown, 2 flagged, of 2 bone lesion(s)');
    // Each flagged lesion has its own section, the urgent one first, then the routine one that could be worse.
    expect(text).toContain('Lesion 1: Femur, Femoral diaphysis (shaft), left');
    expect(text).toContain('Lesion 2: Humerus, right');
    const second = text.slice(text.indexOf('Lesion 2: Humerus, right'));
    expect(second).toContain('Mirels score: 4-10 (range while inputs are missing)');
    // What settles its worst case is named first: the neurology nobody recorded.
    expect(second).toContain('routine now; could be emergency: missing new neurological deficit, ');
    expect(second).toContain('Possible: emergency if a new neurological deficit is present (not recorded)');
    expect(second).toContain('Possible: urgent if Mirels 4-10 reaches >= 9');
    expect(second).toContain('Missing inputs:');
    expect(second).toContain('Reader: Anna Berg (AB)');
    expect(text).not.toContain('Not in this packet');
  });
});
