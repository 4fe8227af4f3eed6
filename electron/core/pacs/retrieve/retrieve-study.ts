import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { RetrieveProgress, RetrieveRequest, RetrieveResult } from '@shared/pacs/retrieve-job';
import { cachedInstancePath } from '../cache/cache-folder';
import { forgetIfEmpty, recordCachedStudy } from '../cache/cache-store';
import { evictToLimit } from '../cache/evict-cache';
import type { PacsTransport, RemoteInstance, RetrievedFile } from '../pacs-transport';
import { indexCachedFiles, type CachedFile } from './cache-indexer';
import { sopInstanceUidOf } from '../part10-identity';
import { retrieveOrder } from './retrieve-order';

const UID = /^[0-9]+(\.[0-9]+)*$/;

/** Files written but not yet indexed are indexed at least this often, so that the viewer sees them arrive. */
const INDEX_INTERVAL_MS = 300;
const INDEX_BATCH = 64;

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
 * Retrieves a study (or one series of it) from the PACS into the workstation's cache: lists its
 * instances, skips those already indexed (so an interrupted retrieve resumes), brings the rest
 * series by series in slice order, writes each file whole (a temporary name, then renamed) and
 * indexes it through the importer within INDEX_INTERVAL_MS (beside the download, not in its way), so that the viewer can open the
 * first slices while the rest arrive. On failure or cancel, what arrived whole stays indexed and
 * nothing else is left; then the cache is trimmed to its limit, never evicting this study.
 */
export async function retrieveStudy(ctx: RetrieveContext, request: RetrieveRequest, hooks: RetrieveHooks = {}): Promise<RetrieveResult> {
  const started = performance.now();
  const { db, transport } = ctx;
  const study = request.studyInstanceUid;
  const call = { signal: hooks.signal };
  const [listed, seriesList] = await Promise.all([transport.searchInstances(study, request.seriesInstanceUid, call), transport.searchSeries(study, call)]);
  const foreign = listed.find((i) => i.studyInstanceUid !== study);
  if (foreign) throw new AppError('io_error', `Retrieving from the PACS failed: asked for the instances of study ${study}, ${transport.url} listed one of study ${foreign.studyInstanceUid}. Nothing was retrieved.`);
  if (listed.length === 0) {
    const what = request.seriesInstanceUid ? `series ${request.seriesInstanceUid} of study ${study}` : `study ${study}`;
    throw new AppError('not_found', `The PACS at ${transport.url} lists no instance of ${what}: it may have been deleted or moved. Search again.`);
  }
  const plans = retrieveOrder(listed, seriesList, request.seriesInstanceUid);
  const already = indexedInstances(db, study);
  const progress: RetrieveProgress = {
    instancesDone: 0,
    instancesTotal: listed.length,
    cached: 0,
    bytes: 0,
    bytesPerSecond: 0,
    seconds: 0,
    series: plans.map((p) => ({ seriesInstanceUid: p.seriesInstanceUid, indexed: p.instances.filter((i) => already.has(i.sopInstanceUid)).length, total: p.instances.length })),
  };
  progress.cached = progress.series.reduce((sum, s) => sum + s.indexed, 0);
  progress.instancesDone = progress.cached;
  const report = () => {
    progress.seconds = (performance.now() - started) / 1000;
    progress.bytesPerSecond = progress.seconds > 0 ? progress.bytes / progress.seconds : 0;
    hooks.onProgress?.(structuredClone(progress));
  };
  report();
  recordCachedStudy(db, study, transport.url);

  const refused: RetrieveResult['refused'] = [];
  let retrieved = 0;
  let pending: CachedFile[] = [];
  let lastIndexed = 0;
  // Indexing runs beside the download (one batch at a time): the PACS keeps sending meanwhile.
  let indexing: Promise<void> = Promise.resolve();
  let indexFailure: unknown = null;
  const indexBatch = async (files: CachedFile[]) => {
    const batch = await indexCachedFiles(db, study, files);
    for (const file of [...batch.indexed, ...batch.duplicates]) {
      const series = progress.series.find((s) => s.seriesInstanceUid === file.seriesInstanceUid);
      if (series) series.indexed += 1;
    }
    retrieved += batch.indexed.length;
    progress.cached += batch.duplicates.length;
    progress.instancesDone += batch.indexed.length + batch.duplicates.length;
    for (const { file, reason } of batch.refused) refused.push({ sopInstanceUid: file.sopInstanceUid, reason });
    report();
  };
  const flush = () => {
    if (pending.length === 0) return indexing;
    const files = pending;
    pending = [];
    lastIndexed = performance.now();
    indexing = indexing.then(() => indexBatch(files)).catch((error: unknown) => void (indexFailure ??= error));
    return indexing;
  };
  let first = true;

  try {
    for (const plan of plans) {
      const missing = plan.instances.filter((i) => !already.has(i.sopInstanceUid));
      if (missing.length === 0) continue;
      fs.mkdirSync(path.dirname(cachedInstancePath(ctx.cacheRoot, study, plan.seriesInstanceUid, 'x')), { recursive: true });
      for await (const file of retrieveSeries(transport, plan.instances, missing, plan === plans[0], call)) {
        if (indexFailure) throw indexFailure;
        pending.push(await writeCachedFile(ctx.cacheRoot, file.requested, file.bytes, transport.url));
        progress.bytes += file.bytes.length;
        // The first file at once: it is what the viewer waits for.
        if (first || pending.length >= INDEX_BATCH || performance.now() - lastIndexed >= INDEX_INTERVAL_MS) void flush();
        else report();
        first = false;
      }
      await flush();
    }
    if (indexFailure) throw indexFailure;
  } catch (error) {
    // What arrived whole is indexed (a later retrieve resumes after it); then the failure is told.
    await flush();
    forgetIfEmpty(db, study);
    throw error;
  }
  const evicted = evictToLimit(db, ctx.cacheRoot, new Set([study, ...(ctx.busyStudies?.() ?? [])]));
  return { studyInstanceUid: study, instances: retrieved, bytes: progress.bytes, seconds: (performance.now() - started) / 1000, cached: progress.cached, refused, evicted };
}

/** The first slices of the series opened first come one by one, in slice order: the viewer shows them while the rest arrive. */
const FIRST_SLICES = 4;
/** Fewer missing instances than this are asked for one by one (a resume); more, with the series in one request. */
const WHOLE_SERIES_FROM = 16;

/**
 * The missing instances of one series: for the series shown first, its first slices one by one in
 * slice order; then, when most of the series is missing, the series in one request (the fastest a
 * PACS serves it: measured on Orthanc, one request per instance took up to twice as long), skipping
 * what is already here; else the missing ones one by one, in slice order.
 */
async function* retrieveSeries(transport: PacsTransport, all: readonly RemoteInstance[], missing: readonly RemoteInstance[], shownFirst: boolean, call: { signal?: AbortSignal }): AsyncGenerator<RetrievedFile> {
  const head = shownFirst ? missing.slice(0, FIRST_SLICES) : [];
  const rest = missing.slice(head.length);
  const coming = new Set(rest.map((i) => i.sopInstanceUid));
  const have = new Set(all.map((i) => i.sopInstanceUid).filter((sop) => !coming.has(sop)));
  if (head.length > 0) yield* transport.retrieveInstances(head, call);
  if (rest.length >= WHOLE_SERIES_FROM && rest.length * 2 >= all.length) {
    const first = all[0]!;
    for await (const file of transport.retrieveSeries(first.studyInstanceUid, first.seriesInstanceUid, all, call)) {
      if (!have.has(file.requested.sopInstanceUid)) yield file;
    }
  } else if (rest.length > 0) yield* transport.retrieveInstances(rest, call);
}

/**
 * Writes one retrieved file into the cache whole: under a temporary name, renamed once written,
 * so that an interrupted write never leaves a partial file where an instance is expected.
 */
async function writeCachedFile(root: string, requested: RemoteInstance, bytes: Uint8Array, url: string): Promise<CachedFile> {
  const sop = sopInstanceUidOf(bytes);
  if (sop !== requested.sopInstanceUid) {
    throw new AppError('io_error', `Retrieving from the PACS failed: ${url} sent ${sop ? `instance ${sop}` : 'a file without a SOP Instance UID'} when instance ${requested.sopInstanceUid} was asked for. Nothing of it was kept.`);
  }
  // The UIDs name folders and files: digits and dots only, whatever a server listed.
  if (![requested.studyInstanceUid, requested.seriesInstanceUid, sop].every((uid) => UID.test(uid))) {
    throw new AppError('io_error', `Retrieving from the PACS failed: ${url} listed an instance whose UIDs are not DICOM UIDs. Nothing of it was kept.`);
  }
  const target = cachedInstancePath(root, requested.studyInstanceUid, requested.seriesInstanceUid, sop);
  const temporary = `${target}.part`;
  try {
    await fs.promises.writeFile(temporary, bytes);
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw new AppError('io_error', `Writing a retrieved instance to the cache failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): free disk space in the data folder, then retrieve again.`, { cause: error });
  }
  return { path: target, sopInstanceUid: sop, seriesInstanceUid: requested.seriesInstanceUid, bytes: bytes.length };
}
