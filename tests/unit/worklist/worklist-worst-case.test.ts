import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import type { Lesion } from '@shared/lesion/lesion';
import { makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';

// A lesion routine as recorded but urgent or emergency at worst (inputs missing) against lesions whose
// urgency is certain: the worklist must never place the uncertain one below a lesion surely less urgent
// than its worst case, in its order or under its urgency filters.
let dataDir: string;
let core: AppCore;
const id = (n: number) => `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();
const SURELY_SURGICAL = id(1);
const ROUTINE_OR_URGENT = id(2);
const ROUTINE_OR_EMERGENCY = id(3);
const SURELY_URGENT = id(4);

beforeAll(async () => {
  dataDir = temporaryFolder('worklist-worst-case');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest')] });
  await coreInternals(core).importJobs.wait(jobId);
  const study = (await core.handlers['studies.search']({}))[0]!.studyInstanceUid;
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  const benignSpine = { alignment: 'normal', collapse: 'none-of-these', collapsePct: null, posterolateralInvolvement: 'none' } as const;
  const benignClinical = { newNeurologicalDeficit: false, lesserTrochanterAvulsion: false, persistentPainAfterRadiotherapy: false } as const;
  // The urgent cortical rule reads every bone's cortical involvement (rule set v7): recorded, and small.
  const littleCortex = { axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5) };
  const lesions: Lesion[] = [
    // SINS 1 + 3 + 2 + 0 + 0 + 1 = 7, every input recorded: surgical opinion, certainly. The newest.
    makeSpineLesion('T5', { id: SURELY_SURGICAL, trackingUid: '2.25.11', studyInstanceUid: study, nature: 'lytic', pathologicalFracture: false, ...littleCortex, spine: { ...benignSpine, posterolateralInvolvement: 'unilateral', esccGrade: '0' }, clinical: { ...benignClinical, sinsPain: 'mechanical' }, reader: 'AB', createdAt: at(9), updatedAt: at(9) }),
    // Benign humerus, the pathological fracture not recorded: routine, could be urgent.
    makeLesion({
      id: ROUTINE_OR_URGENT, trackingUid: '2.25.12', studyInstanceUid: study, boneId: 'humerus', regionId: 'humerus-diaphysis', nature: 'blastic',
      lesionWidthMm: typed(3), boneDiameterMm: typed(20), largestDimensionMm: typed(8), axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5),
      pathologicalFracture: null, clinical: { ...benignClinical, mirelsPain: 'mild' }, reader: 'AB', createdAt: at(1), updatedAt: at(1),
    }),
    // A stable vertebra whose ESCC grade is not recorded: routine, could be an emergency.
    makeSpineLesion('T5', { id: ROUTINE_OR_EMERGENCY, trackingUid: '2.25.13', studyInstanceUid: study, nature: 'blastic', pathologicalFracture: false, ...littleCortex, spine: { ...benignSpine, esccGrade: null }, clinical: { ...benignClinical, sinsPain: 'pain-free' }, reader: 'AB', createdAt: at(2), updatedAt: at(2) }),
    // A femur with 34 mm of axial involvement, everything else recorded: urgent, certainly.
    makeLesion({
      id: SURELY_URGENT, trackingUid: '2.25.14', studyInstanceUid: study, nature: 'blastic', lesionWidthMm: typed(3), boneDiameterMm: typed(30), largestDimensionMm: typed(20),
      axialInvolvementMm: typed(34), circumferentialInvolvementPct: typed(5), corticalBreach: false, pathologicalFracture: false, clinical: { ...benignClinical, mirelsPain: 'mild' }, reader: 'AB', createdAt: at(3), updatedAt: at(3),
    }),
  ];
  for (const lesion of lesions) await core.handlers['lesions.save']({ lesion });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the worklist and a lesion whose urgency depends on missing inputs', () => {
  it('has the urgencies the cases below assume', async () => {
    const list = await core.handlers['worklist.get']({ urgencies: ['routine', 'surgical-opinion', 'urgent', 'emergency'] });
    const range = Object.fromEntries(list.rows.map((r) => [r.lesionId, `${r.urgency.level}..${r.urgency.worstCase}`]));
    expect(range).toEqual({
      [SURELY_SURGICAL]: 'surgical-opinion..surgical-opinion',
      [ROUTINE_OR_URGENT]: 'routine..urgent',
      [ROUTINE_OR_EMERGENCY]: 'routine..emergency',
      [SURELY_URGENT]: 'urgent..urgent',
    });
  });

  it('sorts a lesion that could be urgent or an emergency above one that is surely less urgent than that', async () => {
    const order = (await core.handlers['worklist.get']({})).rows.map((r) => r.lesionId);
    // Worst case first: emergency at worst, then urgent (the certain one before the uncertain), then surgical opinion.
    expect(order).toEqual([ROUTINE_OR_EMERGENCY, SURELY_URGENT, ROUTINE_OR_URGENT, SURELY_SURGICAL]);
  });

  it('lists a lesion under every urgency its range spans, so that no filter hides it below a surely lower one', async () => {
    const under = async (level: 'urgent' | 'surgical-opinion' | 'emergency') => (await core.handlers['worklist.get']({ urgencies: [level] })).rows.map((r) => r.lesionId).sort();
    expect(await under('emergency')).toEqual([ROUTINE_OR_EMERGENCY]);
    expect(await under('urgent')).toEqual([ROUTINE_OR_URGENT, ROUTINE_OR_EMERGENCY, SURELY_URGENT].sort());
    expect(await under('surgical-opinion')).toEqual([SURELY_SURGICAL, ROUTINE_OR_URGENT, ROUTINE_OR_EMERGENCY].sort());
  });

  it('prints, in the CLI\'s text worklist, the worst case of each lesion and the inputs it waits on', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'worklist', '--data-dir', dataDir], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const line = (lesionId: string) => result.stdout.split('\n').find((l) => l.endsWith(lesionId)) ?? '';
    expect(line(ROUTINE_OR_EMERGENCY)).toMatch(/^ROUTINE, COULD BE EMERGENCY .*could be emergency depending on ESCC grade/);
    expect(line(ROUTINE_OR_URGENT)).toMatch(/^ROUTINE, COULD BE URGENT .*could be urgent depending on pathological fracture/);
    expect(line(SURELY_URGENT)).toMatch(/^URGENT  .*axial cortical involvement 34 mm > 30 mm/);
    expect(line(SURELY_URGENT)).not.toMatch(/could be/i);
  });

  it('counts under each urgency the lesions that urgency\'s filter lists, so the headline never says fewer could be urgent than are', async () => {
    const list = await core.handlers['worklist.get']({});
    // emergency: the routine..emergency vertebra; urgent: it, the routine..urgent humerus and the urgent femur; and so on down.
    expect(list.counts).toEqual({ emergency: 1, urgent: 3, 'surgical-opinion': 3, routine: 2 });
    for (const level of ['emergency', 'urgent', 'surgical-opinion', 'routine'] as const) {
      expect((await core.handlers['worklist.get']({ urgencies: [level] })).rows, level).toHaveLength(list.counts[level]);
    }
  });
});
