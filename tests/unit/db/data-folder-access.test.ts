import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors';
import { openDatabase } from '../../../electron/core/db/open-database';
import { bundleChildScript } from '../../support/child-script';
import { temporaryFolder } from '../../support/paths';

// The data folder as an import meets it beside the app: opened by several processes at once
// (the app and a CLI import on a new folder), or on a file system that has become read-only.

let work: string;
let opener: string;

beforeAll(async () => {
  work = temporaryFolder('data-folder-access');
  // Bundled once, so that the processes start in milliseconds and really open the folder together.
  opener = await bundleChildScript('tests/support/open-data-folder.ts', work);
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

describe('a data folder on a read-only file system', () => {
  const disk = path.join(temporaryFolder('read-only-disk'), 'disk');
  fs.mkdirSync(disk);
  // Mounting needs root (as the CI machine runs); elsewhere the test says so and is skipped.
  const mounted = (() => {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  afterAll(() => {
    if (mounted) execFileSync('umount', [disk]);
    fs.rmSync(path.dirname(disk), { recursive: true, force: true });
  });

  it('is refused with what to do, whether it holds an index or not', (context) => {
    if (!mounted) context.skip('mount -t tmpfs needs root: the read-only case is not tested here');
    const withIndex = path.join(disk, 'with-index');
    openDatabase(withIndex).close();
    const empty = path.join(disk, 'empty');
    fs.mkdirSync(empty);
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    for (const dataDir of [withIndex, empty]) {
      let thrown: unknown;
      try {
        openDatabase(dataDir).close();
      } catch (error) {
        thrown = error;
      }
      // Was: "unable to open database file" (or "Cannot open the database ...: unable to open database file").
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).message).toBe(
        `The data folder ${dataDir} cannot be written (EROFS): BoneMet Review keeps its index there and must write beside it even to read it. Make the folder writable, or choose another with --data-dir or BONEMET_DATA_DIR.`,
      );
    }
  });
});
