import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../../../electron/core/phantom';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// Every command that prints JSON, run as a whole process with its stdout a real pipe whose reader
// starts late and reads slowly (as `| jq` or a script behind a full pipe does): the output must
// arrive whole. Before, the process exited as soon as the command returned, and a pipe got the
// first 64 kB of a 6 MB answer.
const LAUNCH = path.join(REPO_ROOT, 'electron/cli/launch.mjs');
const LESIONS = 1500;
const JUNK_FILES = 3000;

let folder: string;
let dataDir: string;
let recordsFile: string;
let manySeriesStudy: string;
/** A study of one series with a few lesions, for the exports that write a file per lesion or image. */
let smallStudy: string;
let fewRecordsFile: string;

/**
 * Runs the CLI with stdout into a pipe that this process starts reading only `lateMs` after the
 * first bytes are there (the command has answered and is ending), then a chunk at a time.
 */
function throughSlowPipe(args: string[], lateMs = 300): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCH, ...args, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // Read through 'readable' only: a stream nobody listens to that way is set flowing, to nobody,
    // when the child exits. 16 kB a millisecond once started; before, nothing.
    let started = false;
    const pump = () => {
      if (!started) return;
      const chunk = child.stdout.read(16 * 1024) as Buffer | null;
      if (chunk) {
        chunks.push(chunk);
        setTimeout(pump, 1);
      }
    };
    child.stdout.on('readable', pump);
    child.stdout.once('readable', () => setTimeout(() => ((started = true), pump()), lateMs));
    child.on('error', reject);
    // Done when the process has exited and this side has read the pipe to its end.
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    const drained = new Promise<void>((done) => child.stdout.on('end', done));
    Promise.all([exited, drained]).then(([code]) => resolve({ code, stdout: Buffer.concat(chunks), stderr }), reject);
  });
}

/** The same command with stdout a file: the whole answer, for comparison. */
function intoFile(args: string[]): Buffer {
  const file = path.join(folder, 'answer.json');
  const fd = fs.openSync(file, 'w');
  try {
    const result = spawnSync(process.execPath, [LAUNCH, ...args, '--data-dir', dataDir], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
  } finally {
    fs.closeSync(fd);
  }
  return fs.readFileSync(file);
}

beforeAll(async () => {
  folder = temporaryFolder('json-pipe');
  dataDir = path.join(folder, 'data');
  // Many studies (one series each) and one study of many series, of tiny images.
  const narrow = await writeSyntheticCorpus({ outDir: path.join(folder, 'dicom', 'studies'), fileCount: 600, seriesSize: 1, seriesPerStudy: 1, rows: 8, columns: 8, seed: 11 });
  smallStudy = narrow.series[0]!.studyInstanceUid;
  const wide = await writeSyntheticCorpus({ outDir: path.join(folder, 'dicom', 'series'), fileCount: 400, seriesSize: 1, seriesPerStudy: 400, rows: 8, columns: 8, seed: 12 });
  manySeriesStudy = wide.series[0]!.studyInstanceUid;
  // Files that are not DICOM, each reported by name and reason.
  const junk = path.join(folder, 'dicom', 'not-dicom-with-a-rather-long-folder-name-to-make-each-reported-path-longer');
  fs.mkdirSync(junk);
  for (let i = 0; i < JUNK_FILES; i++) fs.writeFileSync(path.join(junk, `notes-${String(i).padStart(5, '0')}.txt`), 'not DICOM');
  recordsFile = path.join(folder, 'lesions.json');
  const records = Array.from({ length: LESIONS }, (_, i) =>
    makeLesion({ id: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, trackingUid: `2.25.${i + 1}`, nature: 'lytic', axialInvolvementMm: typed(30 + (i % 20)), status: 'final' }),
  );
  fs.writeFileSync(recordsFile, JSON.stringify(records));
  fewRecordsFile = path.join(folder, 'few-lesions.json');
  fs.writeFileSync(fewRecordsFile, JSON.stringify(records.slice(0, 3).map((r, i) => ({ ...r, id: `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, trackingUid: `2.25.999999${i}` }))));
}, 180_000);
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('--json output through a slow pipe', () => {
  it('import: the report with every file it did not index', async () => {
    const { code, stdout } = await throughSlowPipe(['import', path.join(folder, 'dicom'), '--json']);
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(4 * 65536);
    const report = JSON.parse(stdout.toString('utf8'));
    expect(report).toMatchObject({ indexed: 1000, state: 'done', studies: 601, series: 1000 });
    expect(report.reported).toHaveLength(JUNK_FILES);
  });

  it('lesions add: every saved lesion with its scores', async () => {
    expect(spawnSync(process.execPath, [LAUNCH, 'reader', 'set', 'AB', 'Anna', 'Berg', '--data-dir', dataDir]).status).toBe(0);
    const { code, stdout } = await throughSlowPipe(['lesions', 'add', '--study', manySeriesStudy, '--in', recordsFile, '--json']);
    expect(code).toBe(0);
    const saved = JSON.parse(stdout.toString('utf8')) as unknown[];
    expect(saved).toHaveLength(LESIONS);
    const few = await throughSlowPipe(['lesions', 'add', '--study', smallStudy, '--in', fewRecordsFile, '--json']);
    expect(few.code, few.stderr).toBe(0);
    expect(JSON.parse(few.stdout.toString('utf8'))).toHaveLength(3);
  });

  // Commands that read only: the piped answer is byte for byte the one written to a file.
  const readers: [string, () => string[], (value: unknown) => void][] = [
    ['score', () => ['score', '--in', recordsFile, '--json'], (v) => expect(v).toHaveLength(LESIONS)],
    ['lesions list', () => ['lesions', 'list', '--all', '--json'], (v) => expect(v).toHaveLength(LESIONS + 3)],
    ['worklist', () => ['worklist', '--json'], (v) => expect((v as { rows: unknown[] }).rows.length).toBeGreaterThan(100)],
    ['studies', () => ['studies', '--json'], (v) => expect(v).toHaveLength(601)],
    ['series', () => ['series', manySeriesStudy, '--json'], (v) => expect(v).toHaveLength(400)],
    ['reader', () => ['reader', '--json'], (v) => expect(v).toMatchObject({ initials: 'AB' })],
  ];
  it.each(readers)('%s: whole, byte for byte as into a file', async (_, args, check) => {
    const whole = intoFile(args());
    const { code, stdout } = await throughSlowPipe(args());
    expect(code).toBe(0);
    expect(stdout.length).toBe(whole.length);
    expect(stdout.equals(whole)).toBe(true);
    check(JSON.parse(stdout.toString('utf8')));
  });

  // The exports answer with what they wrote; each writes a file per lesion or image: a small study keeps them quick.
  const exports: [string, (out: string) => string[], (value: unknown) => void][] = [
    ['export csv', (out) => ['export', 'csv', '--study', smallStudy, '--out', out, '--json'], (v) => expect((v as { filesWritten: unknown[] }).filesWritten.length).toBeGreaterThan(0)],
    ['export fhir', (out) => ['export', 'fhir', '--study', smallStudy, '--out', out, '--json'], (v) => expect((v as { filesWritten: unknown[] }).filesWritten).toHaveLength(1)],
    ['export referral', (out) => ['export', 'referral', '--study', smallStudy, '--out', out, '--all', '--json'], (v) => expect((v as { filesWritten: unknown[] }).filesWritten).toHaveLength(1)],
    ['export sr', (out) => ['export', 'sr', '--study', smallStudy, '--out', out, '--no-pacs', '--json'], (v) => expect((v as { filesWritten: { path: string }[] }).filesWritten.map((f) => path.basename(f.path))).toEqual([expect.stringMatching(/^SR-AB-/)])],
    ['export dataset', (out) => ['export', 'dataset', '--study', smallStudy, '--out', out, '--json'], (v) => expect((v as { notes: string[] }).notes).toContainEqual(expect.stringMatching(/^1 images, .* for 3 lesion\(s\)/))],
  ];
  it.each(exports)('%s: its whole answer', async (kind, args, check) => {
    const out = path.join(folder, 'exports', kind.replace(' ', '-'));
    const { code, stdout, stderr } = await throughSlowPipe(args(out));
    expect(code, stderr).toBe(0);
    check(JSON.parse(stdout.toString('utf8')));
  });

  it('export seg of 1,500 lesions without a drawn area: nothing on stdout, the reason on stderr, exit 1', async () => {
    const { code, stdout, stderr } = await throughSlowPipe(['export', 'seg', '--study', manySeriesStudy, '--out', path.join(folder, 'exports', 'seg'), '--json']);
    expect(code).toBe(1);
    expect(stdout.length).toBe(0);
    expect(stderr).toMatch(/has a drawn area to segment \(1500 lesions/);
  });
});
