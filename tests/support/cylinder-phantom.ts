import fs from 'node:fs';
import path from 'node:path';
import type { AnalysisJobStatus } from '@shared/analysis/analysis-job';
import type { BoneAnalysisRequest } from '@shared/analysis/bone-analysis-request';
import { coreInternals, createAppCore, type AppCore } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { analyseThroughContract } from './analyse-through-contract';
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
