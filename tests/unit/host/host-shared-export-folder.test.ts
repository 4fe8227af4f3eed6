import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportJobStatus } from '@shared/export/export-job';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { makeLesion } from '../../support/lesion-fixtures';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { filesUnder } from '../export/export-files';

// A research dataset takes minutes on a real study. Meanwhile the folder it writes in is the
// user's: they (or another export) may put files there. A cancel, or the report of what was
// written, concerns the dataset's own files only; nothing else in the folder is lost or claimed.
let dataDir: string;
let core: AppCore;
let host: RunningHost;
let study: string;

beforeAll(async () => {
  dataDir = temporaryFolder('host-shared-export');
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir, SHARED_DICOM], importRunner: inProcessImportRunner });
  const { jobId } = await core.handlers['import.start']({ paths: [path.join(SHARED_DICOM, 'ct-series-lidc-idri-0314-chest')] });
  await coreInternals(core).importJobs.wait(jobId);
  study = (await core.handlers['studies.search']({}))[0]!.studyInstanceUid;
  const { series } = await core.handlers['studies.get']({ studyInstanceUid: study });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  await core.handlers['lesions.save']({ lesion: makeLesion({ id: 'c6000000-0000-4000-8000-000000000001', trackingUid: '2.25.96001', studyInstanceUid: study, seriesInstanceUid: series[0]!.seriesInstanceUid }) });
  host = await startHost({ core, dataDir, rendererDir: dataDir });
  // The exporters load on the first export: loaded now, a lesion table is written at once during the dataset.
  await ended((await rpc<{ jobId: string }>('export.start', { kind: 'csv', studyInstanceUids: [study], destination: path.join(dataDir, 'first') })).jobId);
});
afterAll(async () => {
  await host.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A call over the browser-mode door, as the page makes it; the value, or the refusal thrown. */
async function rpc<T>(channel: string, body: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${host.port}/rpc/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify(body) });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return envelope.value!;
}

/** Starts a dataset export into `out` and returns its job once a few images are written, the export still running. */
async function datasetUnderWay(out: string): Promise<string> {
  // NIfTI volumes too: a longer export, for the test to act during it.
  const { jobId } = await rpc<{ jobId: string }>('export.start', { kind: 'dataset', studyInstanceUids: [study], destination: out, nifti: true });
  for (;;) {
    const status = await rpc<ExportJobStatus>('export.status', { jobId });
    expect(status.state, 'the dataset export ended before the test could act during it').toBe('running');
    if (status.progress.phase === 'images' && status.progress.itemsDone >= 2) return jobId;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function ended(jobId: string): Promise<ExportJobStatus> {
  for (;;) {
    const status = await rpc<ExportJobStatus>('export.status', { jobId, waitMs: 1000 });
    if (status.state !== 'running') return status;
  }
}

/** Files under `dir`, relative to it. */
const contentOf = (dir: string) => filesUnder(dir).map((f) => path.relative(dir, f)).sort();

describe('a research dataset export sharing its folder', () => {
  it('cancelled, removes its own files only: the lesion table another export wrote there meanwhile, and the user\'s notes, stay', async () => {
    const out = path.join(dataDir, 'shared-cancelled');
    const dataset = await datasetUnderWay(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'the tumour board asked for these');
    const table = await ended((await rpc<{ jobId: string }>('export.start', { kind: 'csv', studyInstanceUids: [study], destination: out })).jobId);
    expect(table.state).toBe('done');
    const status = await ended((await rpc<ExportJobStatus>('export.cancel', { jobId: dataset })).jobId);
    expect(status.state, 'the dataset export ended before the test could cancel it').toBe('cancelled');
    expect(contentOf(out)).toEqual(['lesions.csv', 'lesions.schema.json', 'notes.txt'].sort());
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('the tumour board asked for these');
  });

  it('done, lists as written only its own files, never a file the user put in its folder meanwhile', async () => {
    const out = path.join(dataDir, 'shared-done');
    const dataset = await datasetUnderWay(out);
    fs.writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const status = await ended(dataset);
    expect(status.state).toBe('done');
    const written = status.filesWritten.map((f) => path.relative(out, f.path));
    expect(written).toContain('README.md');
    expect(written).not.toContain('notes.txt');
    expect(contentOf(out)).toEqual([...written, 'notes.txt'].sort());
  });
});
