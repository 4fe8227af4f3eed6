import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { generatePhantomStudy, type PhantomGroundTruth } from '../../../electron/core/phantom';
import { temporaryFolder } from '../../support/paths';

// The demo study (the app's built-in phantom, as "Load demo" writes it) analysed at each of its
// lesions: what the end-to-end test of the Analyze bone button will see. The demo draws each
// voxel as its centre's tissue (no partial volume) and each lesion in whole slabs.

let root: string;
let core: AppCore;
let truth: PhantomGroundTruth;

beforeAll(async () => {
  root = temporaryFolder('demo-analysis');
  truth = await generatePhantomStudy({ outDir: path.join(root, 'images') });
  fs.rmSync(path.join(root, 'images', 'ground-truth.json'));
  core = createAppCore({ dataDir: path.join(root, 'data'), door: 'cli', version: 'test', roots: [root], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(root, 'images')] });
  await coreInternals(core).importJobs.wait(jobId);
});
afterAll(() => {
  core.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('the bone analysis of the demo phantom', () => {
  it.each(['L1', 'R1'])('proposes the ground truth of lesion %s, clicked at its centre', async (id) => {
    const lesion = truth.lesions.find((l) => l.id === id)!;
    const { jobId } = await core.handlers['analysis.start']({ seriesInstanceUid: truth.seriesInstanceUid, at: [lesion.centreMm.x, lesion.centreMm.y, lesion.centreMm.z] });
    const status = await coreInternals(core).analysisJobs.wait(jobId);
    expect(status.state).toBe('done');
    const result = status.result!;
    const femur = truth.femora.find((f) => f.side === lesion.side)!;
    expect(Math.abs(result.circumferentialInvolvementPct! - 100 * lesion.circumferentialFraction)).toBeLessThanOrEqual(5);
    expect(Math.abs(result.axialInvolvementMm! - lesion.axialExtentMm)).toBeLessThanOrEqual(2);
    expect(Math.abs(result.boneDiameterMm - 2 * femur.outerRadiusMm)).toBeLessThanOrEqual(1);
    // The straight femora run along z: the axis is the slice normal, and the other femur is the reference.
    expect(result.axis.angleToSliceNormalDeg).toBeLessThan(0.5);
    expect(result.reference).toMatchObject({ kind: 'contralateral', foundBy: 'mirrored' });
    // L1 meets both Van der Linden criteria (60% > 50%, 40 mm > 30 mm), R1 neither; both weaken the femur past 35%.
    expect(result.circumferentialInvolvementPct! > 50 && result.axialInvolvementMm! > 30).toBe(id === 'L1');
    expect(result.rigidity.flagged).toBe(true);
    expect(result.rigidity.at!.position).toBeGreaterThanOrEqual(-lesion.axialExtentMm / 2 - 1);
    expect(result.rigidity.at!.position).toBeLessThanOrEqual(lesion.axialExtentMm / 2 + 1);
  });
});
