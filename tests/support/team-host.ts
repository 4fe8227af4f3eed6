import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './paths';

/** A workstation's host as a process of its own: the URL it printed (with its token), and the process. */
export interface TeamHost {
  url: string;
  child: ChildProcess;
}

/**
 * Bundles tests/support/team-host-process.ts into a folder once (with a node_modules link beside
 * it), so that each start or restart of a host takes well under a second.
 * @returns the bundle's path
 */
export async function bundleTeamHost(folder: string): Promise<string> {
  const script = path.join(folder, 'team-host.mjs');
  await build({ entryPoints: [path.join(REPO_ROOT, 'tests/support/team-host-process.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', packages: 'external', absWorkingDir: REPO_ROOT, logLevel: 'error' });
  if (!fs.existsSync(path.join(folder, 'node_modules'))) fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(folder, 'node_modules'));
  return script;
}

/** Starts a host on a data folder; resolves with its URL once it printed it. */
export function startTeamHost(script: string, dataDir: string): Promise<TeamHost> {
  const child = spawn(process.execPath, [script, dataDir], { cwd: path.dirname(script), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve({ url: out.split('\n')[0]!.trim(), child });
    });
    child.once('exit', (code) => reject(new Error(`host exited ${code} before printing its URL: ${stderr}`)));
  });
}

/** Kills a host with SIGKILL (what a crash or a power cut does to it) and waits for it to be gone. */
export function killTeamHost(host: TeamHost): Promise<void> {
  if (host.child.exitCode !== null || host.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    host.child.once('exit', () => resolve());
    host.child.kill('SIGKILL');
  });
}
