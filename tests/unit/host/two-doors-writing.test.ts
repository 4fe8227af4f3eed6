import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { workerImportRunner } from '../../../electron/core/importer/import-runners';
import { writeSyntheticCorpus } from '../../../electron/core/phantom';
import { startHost, type RunningHost } from '../../../electron/host/host-server';
import { bonemet } from '../../support/cli-launcher';
import { hostEnvelope, type HostAnswer } from '../../support/host-rpc';
import { makeLesion, typed } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

// One data folder written at once by the browser-mode host and by another writer: the CLI storing
// a batch of lesions in its own process, or the host's own import worker indexing a folder. Each
// holds SQLite's write lock for a while; a save made meanwhile must wait for it, not be refused.
// Was: every save made while the other held the lock failed at once with "The BoneMet database is
// busy with another process", since a transaction that read before it wrote was not let wait.
const folder = fs.realpathSync(temporaryFolder('two-doors'));
const dataDir = path.join(folder, 'data');
const corpus = path.join(folder, 'corpus');
const STUDY = '1.2.826.0.1.3680043.10.4242';
const CLI_BATCH = 1000;

let core: AppCore;
let host: RunningHost;

/** A call through the host's HTTP door, as a bearer-token client; the envelope as it came. */
const call = (channel: string, body: unknown) => hostEnvelope(host, channel, body, 60_000);

/** A lesion of the study, numbered within a run of saves (`series` tells the runs apart). */
const lesionOf = (series: string, i: number) =>
  makeLesion({ id: `${series}-0000-4000-8000-${String(i).padStart(12, '0')}`, trackingUid: `2.25.${parseInt(series, 16)}${i}`, studyInstanceUid: STUDY, nature: 'lytic', axialInvolvementMm: typed(20 + (i % 40)) });

/** Saves lesions through the host one after another until `busy` says the other writer is done; every answer. */
async function saveWhile(busy: () => boolean | Promise<boolean>, series: string): Promise<HostAnswer[]> {
  const answers: HostAnswer[] = [];
  for (let i = 0; await busy(); i++) answers.push(await call('lesions.save', { lesion: lesionOf(series, i) }));
  return answers;
}

const refusals = (answers: HostAnswer[]) => answers.filter((answer) => !answer.ok).map((answer) => answer.error);
const storedIds = async () => new Set(((await call('lesions.list', { allReaders: true })).value as { lesion: { id: string } }[]).map((l) => l.lesion.id));

beforeAll(async () => {
  await writeSyntheticCorpus({ outDir: corpus, fileCount: 3000, seriesSize: 500, seriesPerStudy: 1, rows: 8, columns: 8, seed: 21 });
  core = createAppCore({ dataDir, door: 'browser', version: 'test', roots: [folder], importRunner: workerImportRunner() });
  host = await startHost({ core, dataDir, rendererDir: folder });
  expect((await call('reader.set', { initials: 'AB', name: 'Anna Berg', role: 'radiologist' })).ok).toBe(true);
  // The launcher builds the CLI's bundle on its first run: a command then starts in a moment.
  const first = await bonemet(dataDir, 'lesions', 'list');
  expect(first.code, first.stderr).toBe(0);
}, 180_000);
afterAll(async () => {
  await host.close();
  core.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

describe('the host saving lesions while another writer holds the database', () => {
  it('the CLI storing a batch of lesions: every save through the host waits its turn and is stored, and so is the whole batch', async () => {
    const batchFile = path.join(folder, 'batch.json');
    fs.writeFileSync(batchFile, JSON.stringify(Array.from({ length: CLI_BATCH }, (_, i) => lesionOf('c0000000', i))));
    let running = true;
    const cli = bonemet(dataDir, 'lesions', 'add', '--study', STUDY, '--in', batchFile).finally(() => (running = false));
    const answers = await saveWhile(() => running, 'd0000000');
    const run = await cli;

    expect(refusals(answers)).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
    expect(answers.length).toBeGreaterThan(0);
    const stored = await storedIds();
    expect(stored.size).toBe(CLI_BATCH + answers.length);
    for (let i = 0; i < CLI_BATCH; i++) expect(stored.has(lesionOf('c0000000', i).id)).toBe(true);
    answers.forEach((_, i) => expect(stored.has(lesionOf('d0000000', i).id)).toBe(true));
  }, 120_000);

  it("the host's own import worker indexing a folder: every save made meanwhile is stored, and every file indexed", async () => {
    const started = await call('import.start', { paths: [corpus] });
    const jobId = (started.value as { jobId: string }).jobId;
    const importing = async () => ((await call('import.status', { jobId })).value as { state: string }).state === 'running';
    const answers = await saveWhile(importing, 'e0000000');

    expect(refusals(answers)).toEqual([]);
    const status = (await call('import.status', { jobId })).value as { state: string; report: { indexed: number }; error: string | null };
    expect({ state: status.state, error: status.error, indexed: status.report.indexed }).toEqual({ state: 'done', error: null, indexed: 3000 });
    expect(answers.length).toBeGreaterThan(0);
    const stored = await storedIds();
    answers.forEach((_, i) => expect(stored.has(lesionOf('e0000000', i).id)).toBe(true));
  }, 120_000);
});

describe('a batch the host refused, then the same lesion saved by the CLI', () => {
  it('the host lists the lesion as the CLI stored it, with its urgency, never as the refused batch had it', async () => {
    const id = 'f0000000-0000-4000-8000-000000000001';
    const lesion = (overrides: Parameters<typeof makeLesion>[0]) => makeLesion({ id, trackingUid: '2.25.7770001', studyInstanceUid: STUDY, ...overrides });
    expect((await call('lesions.save', { lesion: lesion({ nature: 'mixed' }) })).ok).toBe(true);
    // The batch writes the lesion first, then meets a record of another reader: nothing of it is stored.
    const refusedVersion = lesion({ nature: 'blastic' });
    const refused = await call('lesions.saveAll', { lesions: [refusedVersion, makeLesion({ id: 'f0000000-0000-4000-8000-000000000002', trackingUid: '2.25.7770002', studyInstanceUid: STUDY, reader: 'ZZ' })] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const cliFile = path.join(folder, 'cli-version.json');
    fs.writeFileSync(cliFile, JSON.stringify(lesion({ nature: 'lytic', axialInvolvementMm: typed(45), circumferentialInvolvementPct: typed(60) })));
    const run = await bonemet(dataDir, 'lesions', 'add', '--study', STUDY, '--in', cliFile);
    expect(run.code, run.stderr).toBe(0);

    type Scored = { lesion: { id: string; nature: string }; scores: { urgency: { level: string } } };
    const stored = (await call('lesions.get', { id })).value as Scored;
    const listed = ((await call('lesions.list', { studyInstanceUid: STUDY, allReaders: true })).value as Scored[]).find((l) => l.lesion.id === id)!;
    const [refusedScores] = (await call('lesions.score', { lesions: [refusedVersion] })).value as Scored['scores'][];
    expect(stored.lesion.nature).toBe('lytic');
    expect(stored.scores.urgency.level).not.toBe(refusedScores!.urgency.level);
    expect({ nature: listed.lesion.nature, urgency: listed.scores.urgency }).toEqual({ nature: 'lytic', urgency: stored.scores.urgency });
  }, 120_000);
});
