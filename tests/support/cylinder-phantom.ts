import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import { coreInternals, createAppCore, type AppCore } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { analyseThroughContract } from './analyse-through-contract';
import { REPO_ROOT, temporaryFolder } from './paths';

const SCRIPT = path.join(REPO_ROOT, 'tests/support/cylinder-bone-phantom.py');

/** What the phantom script knows to be true of the series it wrote (see cylinder-bone-phantom.py). */
export interface CylinderTruth {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  circumferentialInvolvementPct: number;
  axialInvolvementMm: number;
  lesionWidthMm: number;
  boneDiameterMm: number;
  axisDirection: [number, number, number];
  sliceNormal: [number, number, number];
  click: [number, number, number];
  /** Rigidity through the lesion over an intact section (absent without a lesion). */
  eaRatio: number;
  eiMinRatio: number;
  gjRatio: number;
  firstVoxel: [number, number, number];
  /** Every slice written, with its exact place (before any rounding `positionDecimals` asked for). */
  slices: { sopInstanceUid: string; position: [number, number, number] }[];
}

/** Writes a cylinder-bone CT series (spec keys as in cylinder-bone-phantom.py's DEFAULTS) into `folder`. */
export function writeCylinderPhantom(spec: Record<string, unknown>, folder: string): CylinderTruth {
  const made = spawnSync('/usr/bin/python3', [SCRIPT, JSON.stringify(spec), folder], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`the phantom script failed: ${made.stderr}`);
  return JSON.parse(made.stdout) as CylinderTruth;
}

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
