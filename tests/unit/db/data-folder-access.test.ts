import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// The data folder as an import meets it beside the app: opened by several processes at once
// (the app and a CLI import on a new folder).

let work: string;
let opener: string;

beforeAll(async () => {
  work = temporaryFolder('data-folder-access');
  opener = path.join(work, 'opener.mjs');
  // Bundled once, so that the processes start in milliseconds and really open the folder together.
  await build({ entryPoints: [path.join(REPO_ROOT, 'tests/support/open-data-folder.ts')], outfile: opener, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: REPO_ROOT, logLevel: 'error' });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the opener on a data folder; resolves with what it printed. */
function openInAnotherProcess(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [opener, dataDir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: work });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`opener exited ${code}: ${err}`))));
  });
}

describe('a new data folder opened by several processes at once', () => {
  it('is created once: every process opens it', async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = path.join(work, `fresh-${round}`);
      const outcomes = await Promise.all(Array.from({ length: 4 }, () => openInAnotherProcess(dataDir)));
      // Was: "failed: table patients already exists" for the processes that lost the race (8 of 20 in 5 rounds here).
      expect(outcomes, `round ${round}`).toEqual(['opened', 'opened', 'opened', 'opened']);
    }
  }, 60_000);
});
