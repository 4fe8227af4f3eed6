import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { RetrieveProgress, RetrieveRequest, RetrieveResult } from '@shared/pacs/retrieve-job';
import { cachedInstancePath } from '../cache/cache-folder';
import { forgetIfEmpty, recordCachedStudy } from '../cache/cache-store';
import { evictToLimit } from '../cache/evict-cache';
import type { PacsTransport, RemoteInstance, RetrievedFile } from '../pacs-transport';
import { indexCachedFiles, loadHeaderReader, type CachedFile } from './cache-indexer';
import { IndexBatches } from './index-batches';
import { mergeAsync } from './merge-async';
import { inSliceOrder, retrieveOrder, seriesOrder } from './retrieve-order';
import { writeCachedFile } from './write-cached-file';

/** Files written but not yet indexed are indexed at least this often, so that the viewer sees them arrive. */
const INDEX_INTERVAL_MS = 300;
const INDEX_BATCH = 64;
/** Files being written at once, and their bytes: enough to keep reading the PACS while the disk works. */
export const WRITES_IN_FLIGHT = 16;
const WRITE_BYTES_IN_FLIGHT = 64 * 2 ** 20;

/** Where a retrieve runs: the index, the cache folder, the PACS. */
export interface RetrieveContext {
  db: Database.Database;
  cacheRoot: string;
  transport: PacsTransport;
  /** Studies in use elsewhere (other retrieves running), never evicted by this one. */
  busyStudies?: () => ReadonlySet<string>;
}

/** How a retrieve reports and is stopped. */
export interface RetrieveHooks {
  signal?: AbortSignal;
  onProgress?: (progress: RetrieveProgress) => void;
  /** Awaited once the first slice of a study with nothing here yet is indexed, before reading on (a viewer opening on it). */
  afterFirstSlice?: () => Promise<void>;
}

/** The SOP Instance UIDs of a study that the index already holds (imported, or retrieved before). */
function indexedInstances(db: Database.Database, studyInstanceUid: string): Set<string> {
  const uids = db
    .prepare('SELECT i.sop_instance_uid FROM instances i JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref WHERE st.study_uid = ?')
    .pluck()
    .all(studyInstanceUid) as string[];
  return new Set(uids);
}

/**
 * Retrieves a study (or one series of it) from the PACS into the workstation's cache. With nothing
 * of it here, the series shown first streams at once; when it would take longer than
 * SLOW_SERIES_MS to arrive whole, the PACS lists the instances and its first slices in the
 * viewer's order not yet arrived are fetched one by one; the rest
 * follows series by series, skipping what is indexed already (so an interrupted retrieve
 * resumes). Each file is written whole (a temporary name, then renamed) and indexed through the
 * importer within INDEX_INTERVAL_MS, beside the download, so that the viewer can open the first
 * slices while the rest arrive. On failure or cancel, what arrived whole stays indexed and nothing
 * else changes; after success the cache is trimmed to its limit, never evicting this study.
 */
export async function retrieveStudy(ctx: RetrieveContext, request: RetrieveRequest, hooks: RetrieveHooks = {}): Promise<RetrieveResult> {
  const started = performance.now();
  // While the PACS is asked: the first file's indexing would load it otherwise.
  loadHeaderReader().catch(() => undefined);
  const { db, transport } = ctx;
  const study = request.studyInstanceUid;
  // Stops every request of this retrieve: on the caller's cancel, and when one part fails.
  const stop = new AbortController();
  hooks.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const call = { signal: stop.signal };
  // The instance listing: a PACS may take long over every instance's position (Orthanc's DICOMweb
  // plugin reads each instance's file for it: 0.3 to 0.6 s of its CPU for 300 slices, twice what
  // sending the whole series costs it), so a study with nothing here streams its first series without
  // it, and asks for it only when needed: the study has other series, the series is slow to arrive
  // (its first slices are then fetched one by one), or it did not arrive whole.
  // Its own signal: a listing no longer needed (everything arrived first) is stopped alone.
  const listingStop = new AbortController();
  stop.signal.addEventListener('abort', () => listingStop.abort(), { once: true });
  let listing: Promise<RemoteInstance[]> | null = null;
  const listInstances = () => {
    if (!listing) {
      listing = transport.searchInstances(study, request.seriesInstanceUid, { signal: listingStop.signal }).then((listed) => checkedListing(listed, request, transport.url));
      listing.catch(() => undefined); // surfaces where it is awaited
    }
    return listing;
  };
  const already = indexedInstances(db, study);
  // Resuming: the listing says what is missing; asked beside the series.
  if (already.size > 0) void listInstances();
  const seriesList = (await transport.searchSeries(study, call)).filter((s) => !request.seriesInstanceUid || s.seriesInstanceUid === request.seriesInstanceUid);
  // A series the PACS does not list is not streamed: its 404 would race the listing's clearer "lists no instance".
  const firstSeries = already.size === 0 && seriesList.length > 0 ? (request.seriesInstanceUid ?? seriesOrder(seriesList)[0]) : undefined;
  if (seriesList.length > 1) void listInstances();
  // Looked up by UID: a search per series made a listing of n series n² steps (a minute for 150,000).
  const counted = new Map(seriesList.map((s) => [s.seriesInstanceUid, s.instanceCount ?? 0]));
  const progress: RetrieveProgress = {
    instancesDone: 0,
    instancesTotal: seriesList.reduce((sum, s) => sum + (s.instanceCount ?? 0), 0),
    cached: 0,
    bytes: 0,
    bytesPerSecond: 0,
    seconds: 0,
    series: seriesOrder(seriesList, firstSeries).map((uid) => ({ seriesInstanceUid: uid, indexed: 0, total: counted.get(uid) ?? 0 })),
  };
  const report = () => {
    progress.seconds = (performance.now() - started) / 1000;
    progress.bytesPerSecond = progress.seconds > 0 ? progress.bytes / progress.seconds : 0;
    hooks.onProgress?.(structuredClone(progress));
  };
  report();
  recordCachedStudy(db, study, transport.url);

  const refused: RetrieveResult['refused'] = [];
  let retrieved = 0;
  // What this retrieve brought into the index (duplicates of an indexed copy included), not what the index refused.
  const indexedHere = new Set<string>();
  // Files that arrived already indexed from another file (an import of the same study meanwhile): cached, not retrieved.
  let arrivedDuplicates = 0;
  // The progress of each series by UID, found per file indexed (a search of the list per file grew with a listing of many series).
  let seriesProgress = new Map(progress.series.map((s) => [s.seriesInstanceUid, s]));
  const indexBatch = async (files: CachedFile[]) => {
    const batch = await indexCachedFiles(db, study, files);
    for (const file of [...batch.indexed, ...batch.duplicates]) {
      indexedHere.add(file.sopInstanceUid);
      const series = seriesProgress.get(file.seriesInstanceUid);
      if (series) series.indexed += 1;
    }
    retrieved += batch.indexed.length;
    arrivedDuplicates += batch.duplicates.length;
    progress.cached += batch.duplicates.length;
    progress.instancesDone += batch.indexed.length + batch.duplicates.length;
    for (const { file, reason } of batch.refused) refused.push({ sopInstanceUid: file.sopInstanceUid, reason });
    report();
  };
  // Indexing runs beside the download (one batch at a time): the PACS keeps sending meanwhile.
  const batches = new IndexBatches(indexBatch);
  // Files are written while the next ones arrive: awaiting each write stalled the PACS's stream.
  const writes: { bytes: number; written: Promise<CachedFile> }[] = [];
  let writingBytes = 0;
  const settleOldest = async () => {
    const oldest = writes.shift()!;
    writingBytes -= oldest.bytes;
    batches.add(await oldest.written);
    // The first file at once: it is what the viewer waits for.
    if ((retrieved === 0 && batches.waiting === 1) || batches.waiting >= INDEX_BATCH || batches.sinceLastBatch() >= INDEX_INTERVAL_MS) void batches.flush();
    else report();
  };
  const folders = new Set<string>();
  const arrived = new Set<string>();
  const arrivedBySeries = new Map<string, number>();
  const arrivedIn = (series: string) => arrivedBySeries.get(series) ?? 0;
  // How long a viewer has held the retrieve (afterFirstSlice), the hold under way included: not the
  // link's time, so left out of the pace that decides whether a series is slow to arrive.
  let heldMs = 0;
  let holdStarted: number | null = null;
  const held = () => heldMs + (holdStarted === null ? 0 : performance.now() - holdStarted);
  const consume = async (files: AsyncIterable<RetrievedFile>) => {
    for await (const file of files) {
      if (batches.failure) throw batches.failure;
      // Cancelled: the files the answer had buffered are not written either.
      stop.signal.throwIfAborted();
      // One file once: the first slices fetched one by one come again in their series' own answer.
      if (arrived.has(file.requested.sopInstanceUid) || already.has(file.requested.sopInstanceUid)) continue;
      arrived.add(file.requested.sopInstanceUid);
      arrivedBySeries.set(file.requested.seriesInstanceUid, arrivedIn(file.requested.seriesInstanceUid) + 1);
      const folder = path.dirname(cachedInstancePath(ctx.cacheRoot, study, file.requested.seriesInstanceUid, 'x'));
      if (!folders.has(folder)) fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
      const written = writeCachedFile(ctx.cacheRoot, file.requested, file.file, transport.url);
      written.catch(() => undefined); // surfaces where it is awaited
      writes.push({ bytes: file.file.size, written });
      writingBytes += file.file.size;
      progress.bytes += file.file.size;
      // Until a slice is indexed, each file is indexed as it arrives: it is what the viewer waits for.
      const awaitingSlice = retrieved === 0;
      while (writes.length > 0 && (awaitingSlice || writes.length > WRITES_IN_FLIGHT || writingBytes > WRITE_BYTES_IN_FLIGHT)) await settleOldest();
      if (awaitingSlice && already.size === 0 && hooks.afterFirstSlice) {
        await batches.flush();
        // The PACS waits (its stream is not read) while the viewer takes the machine for the first
        // image: once a slice is indexed, never after a file the index refused (no image to show).
        if (retrieved > 0) {
          holdStarted = performance.now();
          await hooks.afterFirstSlice();
          heldMs = held();
          holdStarted = null;
        }
      }
    }
    while (writes.length > 0) await settleOldest();
    await batches.flush();
  };

  const finish = (): RetrieveResult => {
    const evicted = evictToLimit(db, ctx.cacheRoot, new Set([study, ...(ctx.busyStudies?.() ?? [])]));
    return { studyInstanceUid: study, instances: retrieved, bytes: progress.bytes, seconds: (performance.now() - started) / 1000, cached: progress.cached, refused, evicted };
  };

  try {
    if (firstSeries) {
      // Nothing of the study here yet: its first series streams at once. If it will take long to
      // arrive whole, its first slices in the viewer's order are fetched one by one as soon as the
      // listing says which they are, so that the viewer opens on them.
      const expected = seriesList.find((s) => s.seriesInstanceUid === firstSeries)?.instanceCount ?? null;
      let streamEnded = () => {};
      const ended = new Promise<null>((resolve) => (streamEnded = () => resolve(null)));
      let slow = () => {};
      const isSlow = new Promise<true>((resolve) => (slow = () => resolve(true)));
      // A series of unknown size is taken as slow; any that has not arrived whole in SLOW_SERIES_MS is.
      if (expected === null) slow();
      const streamStarted = performance.now();
      const judgeSlow = () => {
        const left = SLOW_SERIES_MS - (performance.now() - streamStarted - held());
        if (left > 0) slowTimer = setTimeout(judgeSlow, left);
        else slow();
      };
      let slowTimer = setTimeout(judgeSlow, SLOW_SERIES_MS);
      const stream = async function* () {
        const pace = seriesPace(expected ?? 0);
        try {
          for await (const file of transport.retrieveSeries(study, firstSeries, [], expected, call)) {
            if (pace.arrived(held()) > SLOW_SERIES_MS) slow();
            yield file;
          }
        } finally {
          clearTimeout(slowTimer);
          streamEnded();
        }
      };
      // A series that arrived whole before it was found slow, or before the listing answered, needs no slice fetched alone.
      const firstSlices = async function* () {
        if (!(await Promise.race([isSlow, ended]))) return;
        const listed = await Promise.race([listInstances(), ended]);
        if (!listed) return;
        const order = inSliceOrder(listed.filter((i) => i.seriesInstanceUid === firstSeries));
        yield* transport.retrieveInstances(order.slice(0, FIRST_SLICES).filter((i) => !arrived.has(i.sopInstanceUid)), call);
      };
      await consume(mergeAsync(stream(), firstSlices()));
      // Every series arrived whole, by the PACS's own counts: the listing has nothing to add.
      const whole = seriesList.length > 0 && seriesList.every((s) => s.instanceCount !== null && arrivedIn(s.seriesInstanceUid) >= s.instanceCount);
      if (whole) {
        listingStop.abort();
        if (batches.failure) throw batches.failure;
        // What arrived is the total (instances may have joined the series since it was counted), and is reported: the job keeps the last report.
        progress.instancesTotal = arrived.size;
        for (const s of progress.series) s.total = Math.max(s.total, arrivedIn(s.seriesInstanceUid));
        report();
        return finish();
      }
    }
    const listed = await listInstances();
    const plans = retrieveOrder(listed, seriesList, firstSeries ?? request.seriesInstanceUid);
    // A series streamed before the listing that the listing leaves out (a PACS mid-reindex, a series
    // deleted meanwhile) keeps its place and its slices: a viewer opened on it, and waits on it.
    const unlisted = progress.series.filter((s) => s.indexed > 0 && !plans.some((p) => p.seriesInstanceUid === s.seriesInstanceUid));
    // The listing's counts are the truth: a series' count in the series answer is optional.
    progress.instancesTotal = listed.length + unlisted.reduce((sum, s) => sum + s.indexed, 0);
    progress.series = [
      ...unlisted.map((s) => ({ ...s, total: s.indexed })),
      ...plans.map((p) => ({
        seriesInstanceUid: p.seriesInstanceUid,
        indexed: p.instances.filter((i) => already.has(i.sopInstanceUid) || indexedHere.has(i.sopInstanceUid)).length,
        total: p.instances.length,
      })),
    ];
    seriesProgress = new Map(progress.series.map((s) => [s.seriesInstanceUid, s]));
    // Here before the retrieve, plus those that arrived here meanwhile (counted as the stream brought them).
    progress.cached = listed.filter((i) => already.has(i.sopInstanceUid)).length + arrivedDuplicates;
    progress.instancesDone = progress.cached + retrieved;
    // Told at once: with nothing missing no batch follows to report it, and the job keeps the last report.
    report();
    for (const plan of plans) {
      const missing = plan.instances.filter((i) => !already.has(i.sopInstanceUid) && !arrived.has(i.sopInstanceUid));
      if (missing.length > 0) await consume(retrieveSeries(transport, plan.instances, missing, !firstSeries && plan === plans[0], call));
    }
    if (batches.failure) throw batches.failure;
  } catch (error) {
    stop.abort();
    // What arrived whole is indexed (a later retrieve resumes after it); then the failure is told.
    for (const { written } of writes.splice(0)) {
      const file = await written.catch(() => null);
      if (file) batches.add(file);
    }
    await batches.flush();
    forgetEmptyEntry(db, study);
    throw error;
  }
  return finish();
}

/**
 * Forgets a failed retrieve's cache entry when nothing arrived. The retrieve's own error is what the
 * user must see: a clean-up that fails too (a busy or read-only database) is logged, never thrown in
 * its place, and leaves an entry of 0 bytes, which the next retrieve of the study takes up again.
 */
function forgetEmptyEntry(db: Database.Database, study: string): void {
  try {
    forgetIfEmpty(db, study);
  } catch (cleanup) {
    console.error(`Retrieve of study ${study}: its empty cache entry could not be forgotten (${(cleanup as Error).message}).`);
  }
}

/** The listing as a retrieve can use it, or why not: instances of another study, or none. */
function checkedListing(listed: RemoteInstance[], request: RetrieveRequest, url: string): RemoteInstance[] {
  const study = request.studyInstanceUid;
  const foreign = listed.find((i) => i.studyInstanceUid !== study);
  if (foreign) throw new AppError('io_error', `Retrieving from the PACS failed: asked for the instances of study ${study}, ${url} listed one of study ${foreign.studyInstanceUid}. Nothing was retrieved.`);
  if (listed.length === 0) {
    const what = request.seriesInstanceUid ? `series ${request.seriesInstanceUid} of study ${study}` : `study ${study}`;
    throw new AppError('not_found', `The PACS at ${url} lists no instance of ${what}: it may have been deleted or moved. Search again.`);
  }
  return listed;
}

/** The first slices of the series opened first come one by one, in slice order: the viewer shows them while the rest arrive. */
const FIRST_SLICES = 4;
/**
 * A series expected to take longer than this to arrive whole has its first slices fetched one by
 * one (a slow link, a large series): sooner than that, the whole series is in the viewer anyway.
 */
const SLOW_SERIES_MS = 3000;
/** Files to have arrived before the series' pace is judged: the first one carries the request's own delay. */
const PACE_AFTER_FILES = 8;
/** Fewer missing instances than this are asked for one by one (a resume); more, with the series in one request. */
const WHOLE_SERIES_FROM = 16;

/**
 * The pace of a series' stream of `expected` files: `arrived(heldMs)`, called as each file arrives
 * with the time the retrieve has been held so far, returns how long the rest will take at the pace
 * since its first file, time held not counted (0 until PACE_AFTER_FILES have come).
 */
function seriesPace(expected: number): { arrived(heldMs: number): number } {
  let count = 0;
  let firstAt = 0;
  let heldAtFirst = 0;
  return {
    arrived(heldMs) {
      count += 1;
      const now = performance.now();
      if (count === 1) [firstAt, heldAtFirst] = [now, heldMs];
      if (count < PACE_AFTER_FILES) return 0;
      return ((now - firstAt - (heldMs - heldAtFirst)) / (count - 1)) * Math.max(0, expected - count);
    },
  };
}

/**
 * The missing instances of one series: for the series shown first, its first slices one by one in
 * slice order; then, when most of the series is missing, the series in one request (the fastest a
 * PACS serves it: measured on Orthanc, one request per instance took up to twice as long), skipping
 * what is already here, then what its answer left out one by one; else the missing ones one by one,
 * in slice order.
 */
async function* retrieveSeries(transport: PacsTransport, all: readonly RemoteInstance[], missing: readonly RemoteInstance[], shownFirst: boolean, call: { signal?: AbortSignal }): AsyncGenerator<RetrievedFile> {
  const head = shownFirst ? missing.slice(0, FIRST_SLICES) : [];
  const rest = missing.slice(head.length);
  const coming = new Set(rest.map((i) => i.sopInstanceUid));
  const have = new Set(all.map((i) => i.sopInstanceUid).filter((sop) => !coming.has(sop)));
  if (head.length > 0) yield* transport.retrieveInstances(head, call);
  if (rest.length >= WHOLE_SERIES_FROM && rest.length * 2 >= all.length) {
    const first = all[0]!;
    const came = new Set<string>();
    for await (const file of transport.retrieveSeries(first.studyInstanceUid, first.seriesInstanceUid, all, all.length, call)) {
      came.add(file.requested.sopInstanceUid);
      if (!have.has(file.requested.sopInstanceUid)) yield file;
    }
    // Listed but left out of the series' answer (a file the PACS could not read, an answer it cut short
    // cleanly): asked for alone, so that the retrieve never ends done without them, or says why.
    const leftOut = rest.filter((i) => !came.has(i.sopInstanceUid));
    if (leftOut.length > 0) yield* transport.retrieveInstances(leftOut, call);
  } else if (rest.length > 0) yield* transport.retrieveInstances(rest, call);
}
