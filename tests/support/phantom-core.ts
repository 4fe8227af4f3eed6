import fs from 'node:fs';
import path from 'node:path';
import { createAppCore, coreInternals, type AppCore } from '../../electron/core/app-core';
import { inProcessImportRunner } from '../../electron/core/importer/import-runners';
import { generatePhantomStudy, type PhantomGroundTruth } from '../../electron/core/phantom';
import { temporaryFolder } from './paths';

/** A core on a fresh data folder with the demo phantom (as "Load demo" writes it) imported. */
export interface PhantomCore {
  root: string;
  core: AppCore;
  truth: PhantomGroundTruth;
  /** Imports the phantom's folder again (what a refusal of a changed file asks for). */
  importAgain(): Promise<void>;
  close(): void;
}

/**
 * Writes the demo phantom into a temporary folder and imports it into a core of its own.
 * @param name - a word for the temporary folder
 */
export async function openPhantomCore(name: string): Promise<PhantomCore> {
  const root = temporaryFolder(name);
  const truth = await generatePhantomStudy({ outDir: path.join(root, 'images') });
  const core = createAppCore({ dataDir: path.join(root, 'data'), door: 'cli', version: 'test', roots: [root], importRunner: inProcessImportRunner });
  const importAgain = async () => {
    const { jobId } = await core.handlers['import.start']({ paths: [path.join(root, 'images')] });
    await coreInternals(core).importJobs.wait(jobId);
  };
  await importAgain();
  return {
    root,
    core,
    truth,
    importAgain,
    close: () => {
      core.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
