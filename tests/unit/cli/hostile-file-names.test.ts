import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// The CLI as a user runs it in a terminal. A name in an import folder is the sender's choice: one
// holding ESC sequences cleared the terminal or retitled it when the report printed it, and one
// holding a line break printed a line of its own that looked like the CLI's.
const LAUNCH = path.join(REPO_ROOT, 'electron/cli/launch.mjs');
let work: string;

beforeAll(() => {
  work = temporaryFolder('hostile-file-names');
  fs.mkdirSync(path.join(work, 'study'));
  fs.writeFileSync(path.join(work, 'study', 'a\x1b[2J\x1b]0;owned\x07\n  not indexed: all good.txt'), 'not DICOM');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('a file name with terminal control sequences and a line break', () => {
  it('is printed by the import report with its control characters shown as escapes, on one line', () => {
    const run = spawnSync(process.execPath, [LAUNCH, 'import', path.join(work, 'study'), '--data-dir', path.join(work, 'data')], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/[\x1b\x07]/);
    const reported = run.stdout.split('\n').filter((line) => line.includes('not indexed:'));
    expect(reported).toEqual([`  not indexed: ${path.join(work, 'study')}/a\\x1b[2J\\x1b]0;owned\\x07\\n  not indexed: all good.txt: text document, not DICOM`]);
  });
});
