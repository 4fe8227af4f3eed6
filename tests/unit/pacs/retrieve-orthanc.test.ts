import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { generatePhantomStudy, GROUND_TRUTH_FILE } from '../../../electron/core/phantom';
import { cacheRoot } from '../../../electron/core/pacs/cache/cache-folder';
import { cacheStatus, markStudyOpened, setCacheLimit } from '../../../electron/core/pacs/cache/cache-store';
import { evictToLimit } from '../../../electron/core/pacs/cache/evict-cache';
import { studiesPinnedInCache } from '../../../electron/core/pacs/cache/studies-pinned-in-cache';
import { parseDicomWebTarget, type DicomWebTarget } from '../../../electron/core/pacs/dicomweb/dicomweb-target';
import { DicomWebTransport } from '../../../electron/core/pacs/dicomweb/dicomweb-transport';
import { readStowFile, stowRs } from '../../../electron/core/pacs/dicomweb/stow-rs';
import { retrieveStudy } from '../../../electron/core/pacs/retrieve/retrieve-study';
import { createAppCore, coreInternals, type AppCore } from '../../../electron/core/app-core';
import { dispatch } from '../../../electron/core/handlers/dispatch';
import { pacsHandlers } from '../../../electron/core/handlers/pacs-handlers';
import { configuredTransport } from '../../../electron/core/pacs/configured-transport';
import { RetrieveJobs } from '../../../electron/core/pacs/retrieve/retrieve-jobs';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { RETRIEVE_HOLD_MAX_MS, type RetrieveStatus } from '@shared/pacs/retrieve-job';
import { runPacsCommand } from '../../support/pacs-cli';
import { startSlowProxy } from '../../support/slow-pacs-proxy';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';
import { ORTHANC_BINARY, startOrthanc, type OrthancServer } from '../../support/orthanc-server';

// A real PACS on loopback: Debian's Orthanc with its DICOMweb plugin, holding a 40-slice phantom CT (more parts in one answer than any default limit of the multipart parser's)
// and the shared set's CT_small. Skipped only where Orthanc is not installed.
const HAVE_ORTHANC = fs.existsSync(ORTHANC_BINARY);
if (!HAVE_ORTHANC) console.warn(`retrieve-orthanc.test.ts (SKIPPED: ${ORTHANC_BINARY} is not installed)`);

describe.skipIf(!HAVE_ORTHANC)('searching and retrieving from a real Orthanc', () => {
  let orthanc: OrthancServer;
  let work: string;
  let phantomStudy: string;
  let phantomSeries: string;
  let phantomSops: string[];
  beforeAll(async () => {
    work = temporaryFolder('retrieve-orthanc');
    const ct = path.join(work, 'phantom');
    await generatePhantomStudy({ outDir: ct, rows: 64, columns: 64, sliceCount: 40 });
    fs.rmSync(path.join(ct, GROUND_TRUTH_FILE));
    orthanc = await startOrthanc();
    const target = parseDicomWebTarget({ url: orthanc.dicomWebUrl });
    // Sent in reverse order: the retrieve must still bring slices in the viewer's order.
    const files = fs.readdirSync(ct).sort().reverse().map((f) => readStowFile(path.join(ct, f)));
    await stowRs(target, files);
    await stowRs(target, [readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm'))]);
    phantomStudy = files[0]!.studyInstanceUid;
    phantomSops = files.map((f) => f.sopInstanceUid);
    const transport = new DicomWebTransport(target);
    phantomSeries = (await transport.searchSeries(phantomStudy))[0]!.seriesInstanceUid;
  }, 120_000);
  afterAll(async () => {
    await orthanc?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('`pacs studies` finds studies by filters and pages through them, and `pacs series` lists their series', async () => {
    const dataDir = temporaryFolder('pacs-cli');
    await runPacsCommand(['set', '--url', orthanc.dicomWebUrl], dataDir);
    expect(JSON.parse(await runPacsCommand(['get', '--json'], dataDir))).toMatchObject({ url: orthanc.dicomWebUrl, authScheme: null, trustedCertificate: null });
    const all = JSON.parse(await runPacsCommand(['studies', '--json'], dataDir)) as { studyInstanceUid: string; modalities: string[]; instanceCount: number; seriesCount: number }[];
    expect(all).toHaveLength(2);
    const phantom = all.find((s) => s.studyInstanceUid === phantomStudy)!;
    expect(phantom).toMatchObject({ modalities: ['CT'], seriesCount: 1, instanceCount: 40, localInstances: 0 });
    // The phantom's patient is named like its generator names it; CT_small's is CompressedSamples^CT1.
    expect(JSON.parse(await runPacsCommand(['studies', 'compressedsamples', '--json'], dataDir))).toEqual([expect.objectContaining({ patientName: 'CompressedSamples^CT1' })]);
    expect(JSON.parse(await runPacsCommand(['studies', '--name', 'compressed samples', '--json'], dataDir))).toHaveLength(1);
    expect(JSON.parse(await runPacsCommand(['studies', '--modality', 'MR', '--json'], dataDir))).toEqual([]);
    expect(JSON.parse(await runPacsCommand(['studies', '--from', '1990-01-01', '--to', '2000-12-31', '--json'], dataDir))).toEqual([]);
    const first = JSON.parse(await runPacsCommand(['studies', '--limit', '1', '--json'], dataDir)) as { studyInstanceUid: string }[];
    const second = JSON.parse(await runPacsCommand(['studies', '--limit', '1', '--offset', '1', '--json'], dataDir)) as { studyInstanceUid: string }[];
    expect(new Set([first[0]!.studyInstanceUid, second[0]!.studyInstanceUid])).toEqual(new Set(all.map((s) => s.studyInstanceUid)));
    expect(JSON.parse(await runPacsCommand(['series', phantomStudy, '--json'], dataDir))).toEqual([
      expect.objectContaining({ seriesInstanceUid: phantomSeries, modality: 'CT', instanceCount: 40, localInstances: 0 }),
    ]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('`pacs retrieve` brings the study into the index like an import, and again skips what is cached', async () => {
    const dataDir = temporaryFolder('pacs-retrieve');
    await runPacsCommand(['set', '--url', orthanc.dicomWebUrl], dataDir);
    const first = JSON.parse(await runPacsCommand(['retrieve', phantomStudy, '--json'], dataDir));
    expect(first).toEqual({ instances: 40, bytes: expect.any(Number), seconds: expect.any(Number), cached: 0 });
    expect(first.bytes).toBeGreaterThan(40 * 64 * 64 * 2);
    const db = openDatabase(dataDir);
    try {
      const rows = db.prepare('SELECT sop_instance_uid, file_path, file_size FROM instances').all() as { sop_instance_uid: string; file_path: string; file_size: number }[];
      expect(rows.map((r) => r.sop_instance_uid).sort()).toEqual([...phantomSops].sort());
      for (const row of rows) {
        expect(row.file_path).toBe(path.join(cacheRoot(dataDir), phantomStudy, phantomSeries, `${row.sop_instance_uid}.dcm`));
        expect(fs.statSync(row.file_path).size).toBe(row.file_size);
      }
      expect(db.prepare('SELECT bytes FROM pacs_cache_studies WHERE study_uid = ?').pluck().get(phantomStudy)).toBe(first.bytes);
      expect(fs.readdirSync(path.join(cacheRoot(dataDir), phantomStudy, phantomSeries)).filter((f) => f.endsWith('.part'))).toEqual([]);
    } finally {
      db.close();
    }
    expect(JSON.parse(await runPacsCommand(['retrieve', phantomStudy, '--json'], dataDir))).toMatchObject({ instances: 0, bytes: 0, cached: 40 });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('streams the series shown first at once and indexes it as it arrives; arriving whole quickly, it needs no instance listing and nothing one by one', async () => {
    const dataDir = temporaryFolder('pacs-order');
    const db = openDatabase(dataDir);
    try {
      const { transport, seen } = observedTransport(parseDicomWebTarget({ url: orthanc.dicomWebUrl }));
      const arrivals: number[] = [];
      const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: phantomStudy }, { onProgress: (p) => arrivals.push(p.series[0]?.indexed ?? 0) });
      expect(result).toMatchObject({ instances: 40, cached: 0, refused: [] });
      // Indexed while arriving: some progress report saw part of the series indexed.
      expect(arrivals.some((n) => n > 0 && n < 40)).toBe(true);
      expect(new Set(seen.streamed)).toEqual(new Set(phantomSops));
      // Orthanc lists instances by reading every file of them: not asked for a series that came whole at once.
      expect(seen.listings).toBe(0);
      expect(seen.askedOneByOne).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(40);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('for a viewer, the time held after the first slice is not the link\'s: a series arriving whole quickly still needs no listing', async () => {
    const dataDir = temporaryFolder('pacs-held-pace');
    const db = openDatabase(dataDir);
    try {
      const { transport, seen } = observedTransport(parseDicomWebTarget({ url: orthanc.dicomWebUrl }));
      // Held as long as a viewer that never says it has shown the image holds it.
      const afterFirstSlice = () => new Promise<void>((resolve) => setTimeout(resolve, RETRIEVE_HOLD_MAX_MS));
      const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: phantomStudy }, { afterFirstSlice });
      expect(result).toMatchObject({ instances: 40, cached: 0, refused: [] });
      expect(result.seconds).toBeGreaterThanOrEqual(RETRIEVE_HOLD_MAX_MS / 1000);
      // The 40 slices stream in tens of ms once read on: judged on the hold, they looked 3 s away.
      expect(seen.listings).toBe(0);
      expect(seen.askedOneByOne).toEqual([]);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a series slow to arrive: the PACS lists the instances, and those of its first slices in the viewer\'s order not streamed yet are asked for one by one', async () => {
    const dataDir = temporaryFolder('pacs-slow-series');
    const db = openDatabase(dataDir);
    try {
      const target = parseDicomWebTarget({ url: orthanc.dicomWebUrl });
      const listed = await new DicomWebTransport(target).searchInstances(phantomStudy);
      // Along the slice normal, highest first: what seriesGeometry puts first.
      const expected = [...listed].sort((a, b) => b.imagePositionPatient![2] - a.imagePositionPatient![2]).map((i) => i.sopInstanceUid);
      // A slow link: the series' answer brings a file every 200 ms until the listing has answered.
      const { transport, seen } = observedTransport(target, 200);
      const result = await retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, { studyInstanceUid: phantomStudy });
      expect(result).toMatchObject({ instances: 40, cached: 0, refused: [] });
      expect(seen.listings).toBe(1);
      const before = seen.streamedWhenAsked;
      expect(before, 'the first slices were never asked for').not.toBeNull();
      // Only first slices, in the viewer's order, and only those the series' answer had not brought yet;
      // with those it had, they are all four.
      for (const sop of seen.askedOneByOne) expect(expected.slice(0, 4)).toContain(sop);
      for (const sop of seen.askedOneByOne) expect(before).not.toContain(sop);
      for (const sop of expected.slice(0, 4)) expect([...seen.askedOneByOne, ...before!]).toContain(sop);
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(40);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a series the PACS does not hold is told as such (not as a wrong URL), even when the PACS is slow to list instances; nothing is indexed', async () => {
    const dataDir = temporaryFolder('pacs-missing-series');
    const db = openDatabase(dataDir);
    try {
      // The real transport, its instance listing answered a second late (Orthanc takes that long
      // over a large study on a loaded machine): the series' own answer (404) comes first.
      const transport = new (class extends DicomWebTransport {
        override async searchInstances(...args: Parameters<DicomWebTransport['searchInstances']>) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return super.searchInstances(...args);
        }
      })(parseDicomWebTarget({ url: orthanc.dicomWebUrl }));
      const request = { studyInstanceUid: phantomStudy, seriesInstanceUid: '2.25.16160199.1' };
      const failure = retrieveStudy({ db, cacheRoot: cacheRoot(dataDir), transport }, request);
      await expect(failure).rejects.toThrow(`The PACS at ${orthanc.dicomWebUrl} lists no instance of series 2.25.16160199.1 of study ${phantomStudy}: it may have been deleted or moved. Search again.`);
      await expect(failure).rejects.toMatchObject({ code: 'not_found' });
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(0);
      expect(cacheStatus(db).studies).toBe(0);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('an interrupted retrieve keeps what arrived whole, and the next one resumes after it', async () => {
    const dataDir = temporaryFolder('pacs-resume');
    const db = openDatabase(dataDir);
    try {
      const target = parseDicomWebTarget({ url: orthanc.dicomWebUrl });
      // The network fails after the fifth file: the real transport, cut short.
      // Counted by instance: the series' own request brings again the first slices, which the retrieve skips.
      const seen = new Set<string>();
      const failing = new (class extends DicomWebTransport {
        override async *retrieveInstances(...args: Parameters<DicomWebTransport['retrieveInstances']>) {
          for await (const file of super.retrieveInstances(...args)) {
            if (seen.add(file.requested.sopInstanceUid).size > 5) throw new Error('network down');
            yield file;
          }
        }
        override async *retrieveSeries(...args: Parameters<DicomWebTransport['retrieveSeries']>) {
          for await (const file of super.retrieveSeries(...args)) {
            if (seen.add(file.requested.sopInstanceUid).size > 5) throw new Error('network down');
            yield file;
          }
        }
      })(target);
      const ctx = { db, cacheRoot: cacheRoot(dataDir) };
      await expect(retrieveStudy({ ...ctx, transport: failing }, { studyInstanceUid: phantomStudy })).rejects.toThrow(/network down/);
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(5);
      const files = fs.readdirSync(path.join(cacheRoot(dataDir), phantomStudy, phantomSeries));
      expect(files.filter((f) => f.endsWith('.dcm'))).toHaveLength(5);
      expect(files.filter((f) => !f.endsWith('.dcm'))).toEqual([]);
      const resumed = await retrieveStudy({ ...ctx, transport: new DicomWebTransport(target) }, { studyInstanceUid: phantomStudy });
      expect(resumed).toMatchObject({ instances: 35, cached: 5 });
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(40);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('over its limit the cache evicts the least recently opened study, never one with findings recorded here', async () => {
    const dataDir = temporaryFolder('pacs-evict');
    const db = openDatabase(dataDir);
    const root = cacheRoot(dataDir);
    try {
      const transport = new DicomWebTransport(parseDicomWebTarget({ url: orthanc.dicomWebUrl }));
      const ctSmall = readStowFile(path.join(SHARED_DICOM, 'pydicom/CT_small.dcm')).studyInstanceUid;
      await retrieveStudy({ db, cacheRoot: root, transport }, { studyInstanceUid: ctSmall });
      await retrieveStudy({ db, cacheRoot: root, transport }, { studyInstanceUid: phantomStudy });
      // CT_small opened after the phantom: the phantom is now the least recently opened.
      await new Promise((r) => setTimeout(r, 5));
      markStudyOpened(db, ctSmall);
      const both = cacheStatus(db);
      expect(both).toMatchObject({ studies: 2, pinnedStudies: 0 });
      // A drawing on the phantom, recorded here and not yet sent: it pins the study.
      db.prepare("INSERT INTO annotations (id, lesion_id, study_uid, series_uid, sop_instance_uid, reader, record, updated_at) VALUES ('a1', NULL, ?, ?, NULL, 'AB', '{}', 'now')").run(phantomStudy, phantomSeries);
      expect(studiesPinnedInCache(db)).toEqual(new Set([phantomStudy]));
      setCacheLimit(db, 1);
      expect(evictToLimit(db, root)).toEqual([ctSmall]);
      expect(fs.existsSync(path.join(root, ctSmall))).toBe(false);
      expect(db.prepare('SELECT count(*) FROM studies WHERE study_uid = ?').pluck().get(ctSmall)).toBe(0);
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(40);
      expect(cacheStatus(db)).toMatchObject({ studies: 1, pinnedStudies: 1 });
      expect(cacheStatus(db).usedBytes).toBeLessThan(both.usedBytes);
      // Without the drawing, the phantom goes too, files and index rows.
      db.prepare("DELETE FROM annotations WHERE id = 'a1'").run();
      expect(evictToLimit(db, root)).toEqual([phantomStudy]);
      expect(db.prepare('SELECT count(*) FROM instances').pluck().get()).toBe(0);
      expect(fs.readdirSync(root)).toEqual([]);
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('through the contract: progress while it runs, a wait for the first slice, Cancel keeps what arrived, and opening again resumes', async () => {
    const dataDir = temporaryFolder('pacs-cancel');
    // A slow link (100 kB/s for the 40 slices of about 10 kB), so that the retrieve is caught running.
    const proxy = await startSlowProxy(orthanc.httpUrl, 100_000);
    const core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
    const call = contractCall(core);
    try {
      await call('pacs.set', { url: `${proxy.url}/dicom-web` });
      const { jobId } = await call('pacs.retrieve', { studyInstanceUid: phantomStudy });
      let status = await call('pacs.retrieveStatus', { jobId });
      expect(status.state).toBe('running');
      // The viewer's long poll: answered once the series shown first has a slice indexed, long before the end.
      const firstSlice = await call('pacs.retrieveStatus', { jobId, waitMs: 20_000, until: 'first-slice' });
      expect(firstSlice.state).toBe('running');
      expect(firstSlice.progress.series[0]!.indexed).toBeGreaterThan(0);
      expect(firstSlice.progress.instancesDone).toBeLessThan(40);
      for (let polls = 0; status.progress.instancesDone === 0 && polls < 500; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = await call('pacs.retrieveStatus', { jobId });
      }
      expect(status.state).toBe('running');
      status = await call('pacs.retrieveCancel', { jobId });
      const ended = await coreInternals(core).pacsRetrieves.wait(jobId);
      expect(ended.state).toBe('cancelled');
      const kept = db(core).prepare('SELECT count(*) FROM instances').pluck().get() as number;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(40);
      const again = await call('pacs.retrieve', { studyInstanceUid: phantomStudy });
      const done = await coreInternals(core).pacsRetrieves.wait(again.jobId);
      expect(done).toMatchObject({ state: 'done', result: { cached: kept, instances: 40 - kept } });
      expect(done.progress).toMatchObject({ instancesDone: 40, instancesTotal: 40, series: [{ seriesInstanceUid: phantomSeries, indexed: 40, total: 40 }] });
    } finally {
      core.close();
      await proxy.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('for a viewer: held after the first slice until the viewer has shown it, or for a second at most, or until cancelled', async () => {
    // Each case on a workstation of its own, with nothing of the study yet.
    const onFreshWorkstation = async (run: (call: ReturnType<typeof contractCall>, core: AppCore, dataDir: string) => Promise<void>) => {
      const dataDir = temporaryFolder('pacs-for-viewer');
      const core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner });
      const call = contractCall(core);
      try {
        await call('pacs.set', { url: orthanc.dicomWebUrl });
        await run(call, core, dataDir);
      } finally {
        core.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    };
    // Shown: the first slice is indexed, the rest waits (its 40 slices of 10 kB take tens of ms), then comes.
    // Held for a minute at most here: within the usual second the hold would end by itself, and
    // an end after retrieveShown would not tell that retrieveShown ended it.
    await onFreshWorkstation(async (_call, core, dataDir) => {
      const cache = { db: db(core), cacheRoot: cacheRoot(dataDir) };
      const retrieves = new RetrieveJobs(() => ({ ...cache, transport: configuredTransport(cache.db) }), 60_000);
      const heldLong = contractCall({ ...core, handlers: { ...core.handlers, ...pacsHandlers({ ...cache, retrieves }) } });
      const { jobId } = await heldLong('pacs.retrieve', { studyInstanceUid: phantomStudy, forViewer: true });
      const first = await heldLong('pacs.retrieveStatus', { jobId, waitMs: 20_000, until: 'first-slice' });
      expect(first.progress.series[0]!.indexed).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await heldLong('pacs.retrieveStatus', { jobId })).toMatchObject({ state: 'running', progress: { instancesDone: 1 } });
      await heldLong('pacs.retrieveShown', { jobId });
      expect(await heldLong('pacs.retrieveStatus', { jobId, waitMs: 20_000 })).toMatchObject({ state: 'done', result: { instances: 40 } });
      // Shown again, once ended: answered, nothing else happens.
      expect(await heldLong('pacs.retrieveShown', { jobId })).toMatchObject({ state: 'done' });
    });
    // Never shown (the viewer failed, the reader went elsewhere): it reads on after RETRIEVE_HOLD_MAX_MS.
    await onFreshWorkstation(async (call, core) => {
      const { jobId } = await call('pacs.retrieve', { studyInstanceUid: phantomStudy, forViewer: true });
      const done = await coreInternals(core).pacsRetrieves.wait(jobId);
      expect(done).toMatchObject({ state: 'done', result: { instances: 40 } });
      expect(done.result!.seconds).toBeGreaterThanOrEqual(RETRIEVE_HOLD_MAX_MS / 1000);
    });
    // Cancelled while held: it ends at once, the first slice kept.
    await onFreshWorkstation(async (call, core) => {
      const { jobId } = await call('pacs.retrieve', { studyInstanceUid: phantomStudy, forViewer: true });
      await call('pacs.retrieveStatus', { jobId, waitMs: 20_000, until: 'first-slice' });
      const cancelledAt = performance.now();
      await call('pacs.retrieveCancel', { jobId });
      expect(await coreInternals(core).pacsRetrieves.wait(jobId)).toMatchObject({ state: 'cancelled', progress: { instancesDone: 1 } });
      expect(performance.now() - cancelledAt).toBeLessThan(RETRIEVE_HOLD_MAX_MS / 2);
      expect(db(core).prepare('SELECT count(*) FROM instances').pluck().get()).toBe(1);
    });
  });
});

/** Calls a channel of the core through the contract, as a door does; a refusal throws its message. */
function contractCall(core: AppCore) {
  return async (channel: string, payload: unknown) => {
    const answer = await dispatch(core.handlers, channel, payload);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as RetrieveStatus & { jobId: string };
  };
}

function db(core: AppCore) {
  return coreInternals(core).db;
}

/** What a retrieve asked of the PACS: instance listings, instances one by one (and what had streamed by then), streamed files. */
interface SeenRequests {
  listings: number;
  askedOneByOne: string[];
  streamed: string[];
  streamedWhenAsked: string[] | null;
}

/**
 * The real transport, noting what a retrieve asks; with `slowMs`, the series' answers bring a
 * file every `slowMs` until an instance listing has answered (a slow link).
 */
function observedTransport(target: DicomWebTarget, slowMs = 0): { transport: DicomWebTransport; seen: SeenRequests } {
  const seen: SeenRequests = { listings: 0, askedOneByOne: [], streamed: [], streamedWhenAsked: null };
  let listingAnswered = false;
  const transport = new (class extends DicomWebTransport {
    override async searchInstances(...args: Parameters<DicomWebTransport['searchInstances']>) {
      seen.listings += 1;
      const answer = await super.searchInstances(...args);
      listingAnswered = true;
      return answer;
    }
    override async *retrieveInstances(...args: Parameters<DicomWebTransport['retrieveInstances']>) {
      seen.streamedWhenAsked ??= [...seen.streamed];
      seen.askedOneByOne.push(...args[0].map((i) => i.sopInstanceUid));
      yield* super.retrieveInstances(...args);
    }
    override async *retrieveSeries(...args: Parameters<DicomWebTransport['retrieveSeries']>) {
      for await (const file of super.retrieveSeries(...args)) {
        if (slowMs > 0 && !listingAnswered) await new Promise((resolve) => setTimeout(resolve, slowMs));
        seen.streamed.push(file.requested.sopInstanceUid);
        yield file;
      }
    }
  })(target);
  return { transport, seen };
}
