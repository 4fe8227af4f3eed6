import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './paths';

/**
 * Bundles a TypeScript entry of the repository into `dir` for child processes to run with plain
 * node: once per test file, so that each child starts in milliseconds. Packages stay external and
 * resolve through a node_modules link beside the bundle. Returns the bundle's path.
 * @param entry - the entry, relative to the repository root (tests/support/...)
 */
export async function bundleChildScript(entry: string, dir: string): Promise<string> {
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build({ entryPoints: [path.join(REPO_ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: REPO_ROOT, logLevel: 'error' });
  if (!fs.existsSync(path.join(dir, 'node_modules'))) fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return outfile;
}
