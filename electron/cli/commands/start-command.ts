import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ParsedArguments } from '../arguments';
import { dataDirOf, PROJECT_ROOT } from '../cli-context';
import { serveCommand } from './serve-command';

const electronDir = path.join(PROJECT_ROOT, 'node_modules', 'electron');

/** The Electron binary's path, fetching it once if this install has not yet (Electron >= 42 does so lazily). */
function electronBinary(): { path: string } | { missing: string } {
  if (!fs.existsSync(path.join(electronDir, 'package.json'))) return { missing: 'the electron package is not installed' };
  const pathFile = path.join(electronDir, 'path.txt');
  const binary = () => path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (fs.existsSync(pathFile) && fs.existsSync(binary())) return { path: binary() };
  const download = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000, encoding: 'utf8' });
  if (download.status === 0 && fs.existsSync(pathFile) && fs.existsSync(binary())) return { path: binary() };
  const why = (download.stderr ?? '').split('\n').find((line) => /error|fail/i.test(line))?.trim();
  return { missing: `its runtime could not be downloaded${why ? ` (${why.slice(0, 160)})` : ''}` };
}

/**
 * `start` (npm start): the Electron app when its runtime is here or can be fetched; otherwise
 * one line that says why, then the browser mode on loopback.
 */
export async function startCommand(args: ParsedArguments): Promise<void> {
  const electron = electronBinary();
  if ('missing' in electron) {
    console.log(`Electron is not available here: ${electron.missing}. Serving the browser mode on 127.0.0.1 instead.`);
    return serveCommand(args);
  }
  const build = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The app build failed; run `npm run build` to see why.');
  // The app opens the folder this command would (--data-dir, BONEMET_DATA_DIR or the per-user one).
  const env = { ...process.env, BONEMET_DATA_DIR: dataDirOf(args) };
  const child = spawn(electron.path, [PROJECT_ROOT], { cwd: PROJECT_ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
}
