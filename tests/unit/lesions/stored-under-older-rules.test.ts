import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A change to a score the urgency reads leaves worklist rows written by the previous release
// scored under the previous rules; they must be scored again, not shown with a stale urgency.

/** The rule set the previous release wrote into every worklist row (electron/core/worklist/lesion-summary.ts). */
const PREVIOUS_RULE_SET = "BoneMet Review referral rules v4 (cortical involvement urgent on every long bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification)";

let dataDir: string;
let core: AppCore;
const AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
const LESION_ID = 'f8200000-0000-4000-8000-000000000001';
const openCore = () => createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });

beforeAll(async () => {
  dataDir = temporaryFolder('older-rules');
  core = openCore();
  await core.handlers['reader.set'](AB);
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a worklist row stored under the previous rule set', () => {
  it("is scored again: a Mirels size from a typed width over a radiograph's detector diameter, certain 2 before, now 2-3 (possibly urgent)", async () => {
    // Lytic femoral shaft, mild pain: 6 + size. 19 / 30 mm at the detector is 0.63-0.82 in the patient.
    const lesion = makeLesion({
      id: LESION_ID, trackingUid: '2.25.8201', nature: 'lytic', lesionWidthMm: typed(19), boneDiameterMm: { ...fromAnnotation(30, 'drawing-not-here'), spacingPlane: 'detector' },
      largestDimensionMm: typed(20), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(20), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false },
    });
    await core.handlers['lesions.save']({ lesion });
    const db = coreInternals(core).db;
    // As the previous release stored it: Mirels 8 certain, a surgical opinion at worst, under its rule set.
    const row = db.prepare('SELECT summary FROM lesion_worklist WHERE lesion_id = ?').pluck().get(LESION_ID) as string;
    const summary = JSON.parse(row) as { urgency: Record<string, unknown> };
    const urgency = { ...summary.urgency, level: 'surgical-opinion', worstCase: 'surgical-opinion', dependsOnMissingInputs: false, worstCaseReasons: [], missingInputs: [], ruleSet: PREVIOUS_RULE_SET };
    db.prepare("UPDATE lesion_worklist SET urgency = 'surgical-opinion', worst_case = 'surgical-opinion', summary = ?, rule_set = ? WHERE lesion_id = ?").run(
      JSON.stringify({ ...summary, urgency }), `${PREVIOUS_RULE_SET} | worklist summary 2`, LESION_ID,
    );
    // The next start of the app (this version) opens that database.
    core.close();
    core = openCore();
    await core.handlers['reader.set'](AB);
    const listed = (await core.handlers['worklist.get']({})).rows.find((r) => r.lesionId === LESION_ID);
    expect(listed?.urgency).toMatchObject({ level: 'surgical-opinion', worstCase: 'urgent' });
  });
});
