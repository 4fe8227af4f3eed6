import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { fromAnnotation, makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// A change to a score the urgency reads, or to a rule, leaves worklist rows written by an earlier
// release scored under its rules; they must be scored again, not shown with a stale urgency.

/** The rule sets earlier releases wrote into every worklist row (electron/core/worklist/lesion-summary.ts). */
const RULE_SET_V4 = "BoneMet Review referral rules v4 (cortical involvement urgent on every long bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification)";
const RULE_SET_V6 = "BoneMet Review referral rules v6 (cortical involvement urgent on every long bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification; a Mirels width and diameter in different planes as a range of sizes; unrecorded neurology a possible emergency on every lesion)";
const RULE_SET_V7 = "BoneMet Review referral rules v7 (cortical involvement urgent on every bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification; a Mirels width and diameter in different planes as a range of sizes; unrecorded neurology a possible emergency on every lesion)";
const RULE_SET_V8 = "BoneMet Review referral rules v8 (Harrington criteria on every bone; a SINS collapse category and a measured height loss that disagree scored as both; a radiograph's magnification over 1.3 a range up to it; cortical involvement urgent on every bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification; a Mirels width and diameter in different planes as a range of sizes; unrecorded neurology a possible emergency on every lesion)";
const RULE_SET_V9 = "BoneMet Review referral rules v9 (the femoral neck scored as either Mirels site; a largest dimension smaller than the lesion's width or axial extent scored as both for Harrington; a detector length exactly on a limit times its magnification decided in its decimals; a Mirels ratio stored a binary rounding over 2/3 sized 2-3; Harrington criteria on every bone; a SINS collapse category and a measured height loss that disagree scored as both; a radiograph's magnification over 1.3 a range up to it; cortical involvement urgent on every bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification; a Mirels width and diameter in different planes as a range of sizes; unrecorded neurology a possible emergency on every lesion)";
const RULE_SET_V5 = "BoneMet Review referral rules v5 (cortical involvement urgent on every long bone; the sacrum scored as spine; a measured 50% collapse scored as both SINS rows; a radiograph's detector-plane mm as a range over the magnification; a Mirels width and diameter in different planes as a range of sizes)";

let dataDir: string;
let core: AppCore;
const AB = { initials: 'AB', name: 'Anna Berg', role: 'radiologist' } as const;
const LESION_ID = 'f8200000-0000-4000-8000-000000000001';
const NEUROLOGY_LESION_ID = 'f8200000-0000-4000-8000-000000000002';
const CORTICAL_LESION_ID = 'f8200000-0000-4000-8000-000000000003';
const HARRINGTON_LESION_ID = 'f8200000-0000-4000-8000-000000000004';
const EXTENTS_LESION_ID = 'f8200000-0000-4000-8000-000000000005';
const UNRECORDED_LARGEST_LESION_ID = 'f8200000-0000-4000-8000-000000000006';
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

/** Rewrites a lesion's worklist row as an earlier release stored it: its level and worst case, no missing inputs, under its rule set. */
function storeAsEarlierRelease(lesionId: string, level: string, ruleSet: string): void {
  const db = coreInternals(core).db;
  const row = db.prepare('SELECT summary FROM lesion_worklist WHERE lesion_id = ?').pluck().get(lesionId) as string;
  const summary = JSON.parse(row) as { urgency: Record<string, unknown> };
  const urgency = { ...summary.urgency, level, worstCase: level, dependsOnMissingInputs: false, worstCaseReasons: [], missingInputs: [], ruleSet };
  db.prepare('UPDATE lesion_worklist SET urgency = ?, worst_case = ?, summary = ?, rule_set = ? WHERE lesion_id = ?').run(
    level, level, JSON.stringify({ ...summary, urgency }), `${ruleSet} | worklist summary 2`, lesionId,
  );
}

/** The next start of the app (this version) opens that database: the lesion's row as the worklist lists it. */
async function listedAfterRestart(lesionId: string) {
  core.close();
  core = openCore();
  await core.handlers['reader.set'](AB);
  return (await core.handlers['worklist.get']({})).rows.find((r) => r.lesionId === lesionId);
}

describe('a worklist row stored under an earlier rule set', () => {
  it("is scored again (v4): a Mirels size from a typed width over a radiograph's detector diameter, certain 2 before, now 2-3 (possibly urgent)", async () => {
    // Lytic femoral shaft, mild pain, no new deficit: 6 + size. 19 / 30 mm at the detector is 0.63-0.82 in the patient.
    const lesion = makeLesion({
      id: LESION_ID, trackingUid: '2.25.8201', nature: 'lytic', lesionWidthMm: typed(19), boneDiameterMm: { ...fromAnnotation(30, 'drawing-not-here'), spacingPlane: 'detector' },
      largestDimensionMm: typed(20), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(20), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    });
    await core.handlers['lesions.save']({ lesion });
    // As v4 stored it: Mirels 8 certain, a surgical opinion at worst.
    storeAsEarlierRelease(LESION_ID, 'surgical-opinion', RULE_SET_V4);
    expect((await listedAfterRestart(LESION_ID))?.urgency).toMatchObject({ level: 'surgical-opinion', worstCase: 'urgent' });
  });

  it('is scored again (v5): a quiet femur whose neurology is not recorded, routine at worst before, now possibly an emergency', async () => {
    // Blastic femoral shaft, small, mild pain, every input recorded but the neurology: Mirels 5, routine.
    const lesion = makeLesion({
      id: NEUROLOGY_LESION_ID, trackingUid: '2.25.8202', nature: 'blastic', lesionWidthMm: typed(5), boneDiameterMm: typed(30),
      largestDimensionMm: typed(10), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(10), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: null },
    });
    await core.handlers['lesions.save']({ lesion });
    // As v5 stored it: routine and certain, so not even listed.
    storeAsEarlierRelease(NEUROLOGY_LESION_ID, 'routine', RULE_SET_V5);
    expect((await listedAfterRestart(NEUROLOGY_LESION_ID))?.urgency).toMatchObject({ level: 'routine', worstCase: 'emergency', missingInputs: ['new neurological deficit'] });
  });

  it('is scored again (v6): an iliac wing lesion whose cortical involvement is not measured, routine at worst before, now possibly urgent', async () => {
    const lesion = makeLesion({
      id: CORTICAL_LESION_ID, trackingUid: '2.25.8203', boneId: 'ilium', regionId: null, laterality: 'left', nature: 'lytic', lesionWidthMm: null, boneDiameterMm: null,
      largestDimensionMm: typed(20), axialInvolvementMm: null, circumferentialInvolvementPct: null, pathologicalFracture: false,
      clinical: { mirelsPain: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    });
    await core.handlers['lesions.save']({ lesion });
    storeAsEarlierRelease(CORTICAL_LESION_ID, 'routine', RULE_SET_V6);
    expect((await listedAfterRestart(CORTICAL_LESION_ID))?.urgency).toMatchObject({ level: 'routine', worstCase: 'urgent', missingInputs: ['axial cortical involvement', 'circumferential involvement'] });
  });

  it('is scored again (v7): a 40 mm iliac lesion, routine before, now a surgical opinion (Harrington names no site)', async () => {
    const lesion = makeLesion({
      id: HARRINGTON_LESION_ID, trackingUid: '2.25.8204', boneId: 'ilium', regionId: null, laterality: 'left', nature: 'lytic', lesionWidthMm: null, boneDiameterMm: null,
      largestDimensionMm: typed(40), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(10), pathologicalFracture: false,
      clinical: { mirelsPain: null, lesserTrochanterAvulsion: null, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    });
    await core.handlers['lesions.save']({ lesion });
    storeAsEarlierRelease(HARRINGTON_LESION_ID, 'routine', RULE_SET_V7);
    expect((await listedAfterRestart(HARRINGTON_LESION_ID))?.urgency).toMatchObject({ level: 'surgical-opinion', worstCase: 'surgical-opinion', reasons: ['Harrington criterion met: lesion 40 mm >= 25 mm (2.5 cm)'] });
  });

  it('is scored again (v8): a 20 mm largest dimension beside a 29 mm width of the same lesion, routine at worst before, now possibly a surgical opinion', async () => {
    const lesion = makeLesion({
      id: EXTENTS_LESION_ID, trackingUid: '2.25.8205', nature: 'blastic', lesionWidthMm: typed(29), boneDiameterMm: typed(90),
      largestDimensionMm: typed(20), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(10), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    });
    await core.handlers['lesions.save']({ lesion });
    storeAsEarlierRelease(EXTENTS_LESION_ID, 'routine', RULE_SET_V8);
    expect((await listedAfterRestart(EXTENTS_LESION_ID))?.urgency).toMatchObject({ level: 'routine', worstCase: 'surgical-opinion' });
  });

  it('is scored again (v9): no largest dimension recorded beside a 29 mm width, routine before, now a surgical opinion (the lesion is at least its width)', async () => {
    const lesion = makeLesion({
      id: UNRECORDED_LARGEST_LESION_ID, trackingUid: '2.25.8206', nature: 'blastic', lesionWidthMm: typed(29), boneDiameterMm: typed(90),
      largestDimensionMm: null, axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(10), pathologicalFracture: false,
      clinical: { mirelsPain: 'mild', lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false },
    });
    await core.handlers['lesions.save']({ lesion });
    storeAsEarlierRelease(UNRECORDED_LARGEST_LESION_ID, 'routine', RULE_SET_V9);
    expect((await listedAfterRestart(UNRECORDED_LARGEST_LESION_ID))?.urgency).toMatchObject({ level: 'surgical-opinion', worstCase: 'surgical-opinion' });
  });
});
