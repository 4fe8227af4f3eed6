import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

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
