import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import type { BoneAnalysisResult } from '@shared/analysis/bone-analysis-result';
import { expect } from 'vitest';
import { coreInternals, createAppCore, type AppCore } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { analyseThroughContract } from './analyse-through-contract';
import { writeCylinderPhantom, type CylinderTruth } from './cylinder-phantom-script';
import { temporaryFolder } from './paths';

export { writeCylinderPhantom, writeEnhancedCtPhantom, type CylinderTruth, type EnhancedPhantom } from './cylinder-phantom-script';

/** A core on a fresh data folder, and a way to import a folder and analyse through the contract. */
export interface PhantomBench {
  root: string;
  core: AppCore;
  importFolder(folder: string): Promise<void>;
  analyse(request: BoneAnalysisRequest): Promise<AnalysisJobStatus>;
  close(): void;
}

/** Opens a core whose import roots include a fresh temporary folder (`root`). */
export function openPhantomBench(name: string): PhantomBench {
  const root = temporaryFolder(name);
  const core = createAppCore({ dataDir: path.join(root, 'data'), door: 'cli', version: 'test', roots: [root], importRunner: inProcessImportRunner });
  return {
    root,
    core,
    async importFolder(folder) {
      const { jobId } = await core.handlers['import.start']({ paths: [folder] });
      await coreInternals(core).importJobs.wait(jobId);
    },
    analyse: (request) => analyseThroughContract(core, request),
    close() {
      core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Writes a cylinder phantom (spec as writeCylinderPhantom's) into the bench's folder `name`, imports it and analyses it at the truth's click. */
export async function measureCylinderPhantom(bench: PhantomBench, name: string, spec: Record<string, unknown>): Promise<{ truth: CylinderTruth; status: AnalysisJobStatus }> {
  const folder = path.join(bench.root, name);
  const truth = writeCylinderPhantom(spec, folder);
  await bench.importFolder(folder);
  return { truth, status: await bench.analyse({ seriesInstanceUid: truth.seriesInstanceUid, at: truth.click }) };
}

/** The accuracy suite's tolerances: percentage points, mm along the bone, mm across it. */
export const FIGURE_TOLERANCE = { circumferentialInvolvementPct: 5, axialInvolvementMm: 2, lesionWidthMm: 1, boneDiameterMm: 1 } as const;

/**
 * Holds each of the analysis' figures named to the phantom's truth within FIGURE_TOLERANCE; returns
 * every figure's error (measured - truth), for the reader of the test's output.
 */
export function expectFiguresWithin(result: BoneAnalysisResult, truth: CylinderTruth, figures: readonly (keyof typeof FIGURE_TOLERANCE)[] = ['circumferentialInvolvementPct', 'axialInvolvementMm', 'lesionWidthMm', 'boneDiameterMm']): Record<string, number> {
  const errors = Object.fromEntries(figures.map((figure) => [figure, result[figure]! - truth[figure]]));
  for (const figure of figures) expect(Math.abs(errors[figure]!), figure).toBeLessThanOrEqual(FIGURE_TOLERANCE[figure]);
  return errors;
}
