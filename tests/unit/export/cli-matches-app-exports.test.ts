import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportJobRequestSchema, type ExportJobRequest, type ExportKind } from '@shared/export/export-job';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { REPO_ROOT } from '../../support/paths';
import { phantomFixture, type PhantomFixture } from './dicom-export-fixture';
import { filesUnder } from './export-files';

// The CLI is a door like the app's: `export <kind>` runs the app's export job through the contract.
// Run by both doors on the same study, each kind writes the same files with the same contents, but
// for what each export makes anew (its time, the new instances' UIDs); both refuse an existing file
// with the same words; the CLI shows the job's progress on stderr.

let fixture: PhantomFixture;
let core: AppCore;
beforeAll(async () => {
  fixture = await phantomFixture();
  core = createAppCore({ dataDir: fixture.dataDir, door: 'browser', version: '0.1.0', roots: [fixture.dataDir], importRunner: inProcessImportRunner });
}, 120_000);
afterAll(() => {
  core.close();
  fixture.cleanup();
});

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', fixture.dataDir], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

/** Runs the app's export job through the contract, as the export dialog does, to its end. */
async function appExport(request: ExportJobRequest) {
  const { jobId } = await core.handlers['export.start'](ExportJobRequestSchema.parse(request));
  for (;;) {
    const status = await core.handlers['export.status']({ jobId, waitMs: 1000 });
    if (status.state !== 'running') return status;
  }
}

const pdfText = (file: string) => spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;

/** A file's content as compared: DICOM as dcmdump's text, PDF (also one embedded in a FHIR bundle) as its text, other files as they are. */
function contentOf(file: string): string {
  if (file.endsWith('.dcm')) return spawnSync('dcmdump', ['-q', '+L', '+U8', file], { encoding: 'utf8', maxBuffer: 256 << 20 }).stdout;
  if (file.endsWith('.pdf')) return pdfText(file);
  if (file.endsWith('.gz')) return fs.readFileSync(file).toString('base64');
  return fs.readFileSync(file, 'utf8').replace(/"data": "(JVBER[A-Za-z0-9+/=]+)"/g, (_, base64: string) => {
    const embedded = `${file}.embedded.pdf`;
    fs.writeFileSync(embedded, Buffer.from(base64, 'base64'));
    try {
      return JSON.stringify({ pdfText: pdfText(embedded) });
    } finally {
      fs.rmSync(embedded);
    }
  });
}

// What an export makes anew each time it runs: its date and time, and the UIDs of the objects it creates
// (with the file meta group's length, which follows the new SOP Instance UID's: a SEG's random 2.25 UID
// may have 38 or 39 digits, so two exports' group lengths can differ by 2).
const VOLATILE = [
  /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, // ISO instants (generated at)
  /\(0002,0000\).*$|\(0008,001[238]\).*$|\(0002,0003\).*$|\(0020,000e\).*$|\(0008,00(23|33)\).*$|\(0040,a032\).*$|\(0008,1155\).*$|\(0020,9164\).*$/gm, // creation date/time, SOP and series UIDs
  /SR-AB-[\d.]+\.dcm|SEG-[\d.]+\.dcm/g,
];
/** The text with what an export makes anew masked; UUIDs it mints (FHIR entries) numbered by first use, so references must still agree. */
function normalised(text: string): string {
  const masked = VOLATILE.reduce((t, pattern) => t.replace(pattern, '<made by this export>'), text);
  const minted = new Map<string, number>();
  return masked.replace(/urn:uuid:[0-9a-f-]{36}/g, (uuid) => `urn:uuid:#${minted.get(uuid) ?? minted.set(uuid, minted.size + 1).get(uuid)}`);
}

const KINDS: ExportKind[] = ['sr', 'seg', 'csv', 'json', 'fhir', 'referral', 'dataset'];

describe('the CLI exports through the app\'s export jobs', () => {
  it.each(KINDS)('export %s writes the same files, with the same contents, as the app\'s job', async (kind) => {
    const study = fixture.truth.studyInstanceUid;
    const appOut = path.join(fixture.dataDir, `app-${kind}`);
    const cliOut = path.join(fixture.dataDir, `cli-${kind}`);
    const request = { kind, studyInstanceUids: [study], destination: appOut, ...(kind === 'sr' ? { sendToPacs: false } : {}), ...(kind === 'dataset' ? { dateShift: true, nifti: true } : {}) } as ExportJobRequest;
    const app = await appExport(request);
    expect(app.state, JSON.stringify(app.error)).toBe('done');
    // Each kind's own options only: another kind's is refused (it was ignored before).
    const options = kind === 'sr' ? ['--no-pacs'] : kind === 'dataset' ? ['--date-shift', '--nifti'] : [];
    const run = cli('export', kind, '--study', study, '--out', cliOut, ...options);
    expect(run.code, run.stderr).toBe(0);
    // Progress on stderr, the job's own phases.
    expect(run.stderr).toMatch(/^(preparing|writing|images|derived|nifti|sending)/m);

    const relative = (root: string) => filesUnder(root).map((f) => path.relative(root, f)).sort();
    expect(relative(cliOut).map(normalised)).toEqual(relative(appOut).map(normalised));
    expect(relative(appOut).length).toBeGreaterThan(0);
    const pairs = relative(appOut).map((name, i) => [path.join(appOut, name), path.join(cliOut, relative(cliOut)[i]!)] as const);
    for (const [a, b] of pairs) expect(normalised(contentOf(b)), path.basename(a)).toBe(normalised(contentOf(a)));
  });

  it('refuses an existing file with the same words as the app', async () => {
    const study = fixture.truth.studyInstanceUid;
    const out = path.join(fixture.dataDir, 'twice');
    expect(cli('export', 'referral', '--study', study, '--out', out).code).toBe(0);
    const app = await appExport({ kind: 'referral', studyInstanceUids: [study], destination: out });
    expect(app.state).toBe('failed');
    expect(app.error?.message).toMatch(/referral\.pdf already exists: choose another folder/);
    const again = cli('export', 'referral', '--study', study, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n').at(-1)).toBe(`bonemet: ${app.error!.message}`);
    expect(fs.readdirSync(out)).toEqual(['referral.pdf']);
  });
});
