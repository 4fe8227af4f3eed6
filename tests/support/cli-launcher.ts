import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import { makeLesion, typed } from './lesion-fixtures';
import { REPO_ROOT } from './paths';
import { knowStudyHeader } from './team-workstations';

const run = promisify(execFile);

/** What one run of the CLI printed, and its exit code. */
export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs the CLI as a user does (its launcher, a process of its own) on a data folder; a failing command resolves with its exit code. */
export async function bonemet(dataDir: string, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['electron/cli/launch.mjs', ...args, '--data-dir', dataDir], { cwd: REPO_ROOT });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as CliRun;
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

/** The last line of a run's stdout, parsed as JSON (what --json prints). */
export const lastJson = (out: Pick<CliRun, 'stdout'>) => JSON.parse(out.stdout.trim().split('\n').pop()!);

/**
 * A radiologist's workstation (AB) set to a PACS with a credential, holding one final lesion on a
 * study whose patient it knows, waiting to be published: what a sync then tries to send.
 */
export async function workstationWithLesionWaiting(dataDir: string, pacsUrl: string, authHeader: string, n: number): Promise<void> {
  const study = `1.2.826.0.1.3680043.10.${n}`;
  await bonemet(dataDir, 'reader', 'set', 'AB', 'Anna', 'Berg');
  expect((await bonemet(dataDir, 'pacs', 'set', pacsUrl, '--auth-header', authHeader)).code).toBe(0);
  const db = openDatabase(dataDir);
  knowStudyHeader(db, study, { name: 'DOE^JOHN', id: `P-${n}` });
  db.close();
  const lesionFile = path.join(dataDir, 'lesion.json');
  const id = `0f0f0000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  fs.writeFileSync(lesionFile, JSON.stringify(makeLesion({ id, trackingUid: `2.25.${n}${n}`, studyInstanceUid: study, nature: 'lytic', axialInvolvementMm: typed(45), circumferentialInvolvementPct: typed(60), status: 'final' })));
  expect((await bonemet(dataDir, 'lesions', 'add', '--study', study, '--in', lesionFile)).code).toBe(0);
}
