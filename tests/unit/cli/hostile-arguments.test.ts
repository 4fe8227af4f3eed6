import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArguments } from '../../../electron/cli/arguments';
import { REPO_ROOT, SHARED_DICOM, temporaryFolder } from '../../support/paths';

// The CLI as a user runs it, a whole process: an option the command does not read, or a destination
// whose name holds a control character, is refused with exit code 2 and a message saying what to
// change, before anything is done.
const LAUNCH = path.join(REPO_ROOT, 'electron/cli/launch.mjs');
let dataDir: string;
let study: string;

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [LAUNCH, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  dataDir = temporaryFolder('hostile-arguments');
  const imported = cli('import', path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), '--json');
  expect(imported.code, imported.stderr).toBe(0);
  study = cli('studies').stdout.trim().split(/\s+/).at(-1)!;
}, 180_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('options a command does not take', () => {
  it('refuses a misspelt worklist filter instead of listing every urgency, and suggests the one meant', () => {
    const run = cli('worklist', '--urgncy', 'emergency', '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('worklist does not take --urgncy. Did you mean --urgency?');
    expect(run.stderr).toContain('--site');
  });

  it('refuses a misspelt dataset option before writing anything', () => {
    const out = path.join(dataDir, 'dataset');
    const run = cli('export', 'dataset', '--study', study, '--out', out, '--nifty');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('export dataset does not take --nifty. Did you mean --nifti?');
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses an option of another export kind (the lesion table has no date shift, the dataset no lesion choice)', () => {
    const csv = cli('export', 'csv', '--study', study, '--out', path.join(dataDir, 'csv'), '--date-shift');
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain('export csv does not take --date-shift');
    const dataset = cli('export', 'dataset', '--study', study, '--out', path.join(dataDir, 'd2'), '--lesion', 'e0000000-0000-4000-8000-000000000001');
    expect(dataset.code).toBe(2);
    expect(dataset.stderr).toContain('export dataset does not take --lesion');
    expect(fs.existsSync(path.join(dataDir, 'csv')) || fs.existsSync(path.join(dataDir, 'd2'))).toBe(false);
  });

  it('shows a control character in a refused option as an escape, never as a line break', () => {
    const run = cli('worklist', '--site\nbone');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--site\\x0abone');
  });

  it('still runs the options each command takes', () => {
    const run = cli('worklist', '--urgency', 'emergency,urgent', '--site', 'bone', '--reviewed', 'no', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ rows: [], incomplete: 0 });
    const dataset = cli('export', 'dataset', '--study', study, '--out', path.join(dataDir, 'shifted'), '--date-shift', '--json');
    expect(dataset.code, dataset.stderr).toBe(0);
    expect(JSON.parse(dataset.stdout)).toMatchObject({ kind: 'dataset', state: 'done', errors: [] });
  });
});

describe('an option left without its value', () => {
  /** The CLI run from `cwd` with exactly these arguments, as a user types them. */
  function cliIn(cwd: string, ...args: string[]) {
    const run = spawnSync(process.execPath, [LAUNCH, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, BONEMET_DATA_DIR: dataDir } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  it('refuses the next option as its value: no data folder or export folder named "--json" is made, and nothing is listed from one', () => {
    const cwd = temporaryFolder('option-as-value');
    try {
      const studies = cliIn(cwd, 'studies', '--data-dir', '--json');
      expect(studies.code).toBe(2);
      expect(studies.stdout).toBe('');
      expect(studies.stderr).toContain('--data-dir needs a value, but the next argument is the option --json');
      expect(studies.stderr).toContain('--data-dir=--json');
      const table = cliIn(cwd, 'export', 'csv', '--study', study, '--out', '--json');
      expect(table.code).toBe(2);
      expect(table.stderr).toContain('--out needs a value, but the next argument is the option --json');
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('still takes a value that starts with one dash (a negative number), or one given with "="', () => {
    expect(parseArguments(['analyze', 'bone', '--at', '-12.5,3,-4', '--offset', '-1'])).toMatchObject({ flags: new Map([['at', '-12.5,3,-4'], ['offset', '-1']]) });
    expect(parseArguments(['export', 'csv', '--out=--odd name']).flags.get('out')).toBe('--odd name');
  });
});

describe('destinations whose name holds a control character', () => {
  it.each([['a line break', 'out\nwrote /etc/passwd'], ['a carriage return', 'out\rX'], ['a tab', 'out\tX'], ['an escape', 'out\u001b[2J']])('refuses %s in --out, writing nothing, in one line naming the character', (_what, name) => {
    const out = path.join(dataDir, name);
    const run = cli('export', 'dataset', '--study', study, '--out', out, '--json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/control character \(U\+00(0A|0D|09|1B)\)/);
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('out'))).toEqual([]);
  });
});

describe('a file whose name looks like an option', () => {
  it('after "--" is a file, not an option: a script\'s `import -- "$f"` imports it and never takes another data folder from it', () => {
    const folder = temporaryFolder('option-named-file');
    const ownData = temporaryFolder('option-named-data');
    try {
      // A name that, read as an option, would move the import into another data folder.
      const name = '--data-dir=elsewhere';
      fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'), path.join(folder, name));
      const run = spawnSync(process.execPath, [LAUNCH, 'import', '--json', '--', name], { cwd: folder, encoding: 'utf8', timeout: 120_000, env: { ...process.env, BONEMET_DATA_DIR: ownData } });
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ indexed: 1 });
      // Stored in the data folder the environment names, and no "elsewhere" folder was made for it.
      expect(fs.readdirSync(folder)).toEqual([name]);
      const studies = spawnSync(process.execPath, [LAUNCH, 'studies', '--json'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, BONEMET_DATA_DIR: ownData } });
      expect(JSON.parse(studies.stdout)).toHaveLength(1);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
      fs.rmSync(ownData, { recursive: true, force: true });
    }
  });

  it('before "--" is still an option, and "--" itself is no option', () => {
    expect(parseArguments(['import', '--json', '--', '--data-dir=x', '-', '--'])).toEqual({ command: 'import', positionals: ['--data-dir=x', '-', '--'], flags: new Map([['json', true]]) });
    expect(parseArguments(['--', 'studies', '--json'])).toEqual({ command: 'studies', positionals: ['--json'], flags: new Map() });
  });
});
