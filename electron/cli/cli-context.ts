import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '@shared/errors';
import type { Channel, RequestOf, ResponseOf } from '@shared/ipc/contract';
import { createAppCore, type AppCore } from '../core/app-core';
import { defaultDataDir } from '../core/app-data-dir';
import { defaultImportRoots } from '../core/files/import-roots';
import { dispatch } from '../core/handlers/dispatch';
import { inProcessImportRunner, workerImportRunner } from '../core/importer/import-runners';
import { flagValue, type ParsedArguments } from './arguments';

/** The repository root, where package.json and the built renderer live, from source or from a bundle in out/. */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'bonemet-review') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No bonemet-review package.json above ${start}`);
  }
}

/** The app's version, from package.json. */
export function appVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The data folder a command works on: --data-dir, else BONEMET_DATA_DIR, else the per-user folder. */
export function dataDirOf(args: ParsedArguments): string {
  const flag = flagValue(args, 'data-dir');
  return flag ? path.resolve(flag) : defaultDataDir();
}

/**
 * Opens the core for a command. The CLI is the user at a terminal, so any path may be imported
 * and imports run in-process; the browser-mode host (`serve`) runs them on a worker to stay
 * responsive, and reads and writes only under the default import roots and those it was given.
 * @param extraRoots - for the browser door: folders named with --root, beside the default roots
 */
export function openCore(args: ParsedArguments, door: 'cli' | 'browser' = 'cli', extraRoots: readonly string[] = []): AppCore {
  const importRunner = door === 'cli' ? inProcessImportRunner : workerImportRunner();
  const roots = door === 'cli' ? [path.parse(process.cwd()).root] : defaultImportRoots(extraRoots);
  return createAppCore({ dataDir: dataDirOf(args), door, version: appVersion(), roots, importRunner, automaticBackups: door !== 'cli', teamSync: door !== 'cli' });
}

/** Calls a channel through the same dispatch as the other doors; a failure becomes an AppError. */
export async function call<C extends Channel>(core: AppCore, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await dispatch(core.handlers, channel, request);
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message);
  return envelope.value as ResponseOf<C>;
}
