import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// A file the user names on the command line that never ends (/dev/zero) or is far larger than
// anything real: the CLI read it whole (readFileSync), until the process died of memory
// ("terminate called after throwing an instance of 'std::bad_alloc'") or the machine swapped.
// Each must end at once with the limit named; a pipe of real records still reads.

const LAUNCH = path.join(REPO_ROOT, 'electron/cli/launch.mjs');
// The process gets 4 GB of address space: a read without a bound dies of it within seconds
// instead of taking the shared machine's memory.
let folder: string;
let dataDir: string;

/** The CLI as a user runs it, in a shell (for `ulimit` and process substitution). */
function cli(args: string) {
  const run = spawnSync('/bin/bash', ['-c', `ulimit -v 4000000; exec "${process.execPath}" "${LAUNCH}" ${args} --data-dir "${dataDir}"`], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 512 * 2 ** 20,
  });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  folder = temporaryFolder('named-input-limits');
  dataDir = path.join(folder, 'data');
  // A sparse file of 8 GiB: a file size no lesion list or certificate has.
  fs.closeSync(fs.openSync(path.join(folder, 'huge.json'), 'w'));
  fs.truncateSync(path.join(folder, 'huge.json'), 8 * 2 ** 30);
  // 1 GiB: under Node's 2 GiB read limit, so it was read whole before dcmjs found it no SR.
  fs.closeSync(fs.openSync(path.join(folder, 'huge-sr.dcm'), 'w'));
  fs.truncateSync(path.join(folder, 'huge-sr.dcm'), 2 ** 30);
  expect(cli('reader set AB "Ann Brown"').code).toBe(0);
  fs.writeFileSync(path.join(folder, 'one.json'), JSON.stringify(makeLesion({ nature: 'lytic', largestDimensionMm: typed(25), lesionWidthMm: typed(10), boneDiameterMm: typed(30) })));
}, 120_000);
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('files named on the command line are read only up to a limit', () => {
  it.each([
    ['score --in /dev/zero', 'score --in /dev/zero --json', /\/dev\/zero holds more than 268,435,456 bytes, more than a file of lesion records \(at most 10,000 records a call\) ever does/],
    ['score --in an 8 GiB file', 'score --in "$0"', /huge\.json holds more than 268,435,456 bytes/],
    ['lesions add --in /dev/zero', 'lesions add --study 1.2.3 --in /dev/zero', /\/dev\/zero holds more than 268,435,456 bytes/],
    ['lesions import-sr of a 1 GiB file', 'lesions import-sr "$1"', /huge-sr\.dcm holds more than 268,435,456 bytes, more than a report BoneMet Review wrote ever does/],
    ['pacs set --trust-certificate /dev/zero', 'pacs set --url http://127.0.0.1:9/dicom-web --trust-certificate /dev/zero', /\/dev\/zero holds more than 65,536 bytes, more than a PEM certificate ever does/],
  ])('%s ends with the limit named (exit code 2), nothing stored or printed', (_name, args, message) => {
    const run = cli(args.replace('"$0"', `"${path.join(folder, 'huge.json')}"`).replace('"$1"', `"${path.join(folder, 'huge-sr.dcm')}"`));
    expect(run.signal).toBeNull();
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });

  it('a batch of records the contract takes, with notes as long as the schema allows (70 MB), is read and scored', () => {
    // 3,400 records with a 20,000-character note each: a limit of 64 MiB refused it as "more than a file of lesion records ever does".
    const note = 'Lytic lesion with cortical breach, reviewed against the prior study. '.repeat(290).slice(0, 20_000);
    const records = Array.from({ length: 3400 }, (_, i) => makeLesion({ id: `0e000000-0000-4000-8000-${String(i).padStart(12, '0')}`, nature: 'lytic', largestDimensionMm: typed(25), note }));
    const file = path.join(folder, 'long-notes.json');
    fs.writeFileSync(file, JSON.stringify(records, null, 2));
    expect(fs.statSync(file).size).toBeGreaterThan(64 * 2 ** 20);
    const run = cli(`score --in "${file}" --json`);
    expect(run.stderr).toBe('');
    const scored = JSON.parse(run.stdout) as { harrington: { flagged: boolean } }[];
    expect(scored).toHaveLength(3400);
    expect(scored.every((s) => s.harrington.flagged)).toBe(true);
  }, 120_000);

  it('a pipe of records within the limit is read and scored', () => {
    const run = cli(`score --in <(cat "${path.join(folder, 'one.json')}") --json`);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)[0].harrington.flagged).toBe(true);
  });
});
