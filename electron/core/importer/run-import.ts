import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { DuplicateFile, ImportProgress, ImportReport } from '@shared/import/import-job';
import { IndexWriter } from '../index/index-writer';
import { KnownFiles, type KnownFile } from '../index/known-files';
import { resolveWithin, walkSources, type FileProblem, type FoundFile } from './file-walk';
import type { FileScan } from './scan-file';
import type { BatchScanner } from './scan-pool';
import { writeTransaction } from '../db/write-transaction';

/** Files per header-reading batch and per transaction: large enough to amortise, small enough for progress. */
const BATCH_SIZE = 256;
/** Batches being read at once, so that the readers never wait for the writer. */
const BATCHES_IN_FLIGHT = 8;
const PROGRESS_INTERVAL_MS = 100;
/** The most files one transaction writes, so that another connection never waits long for the lock. */
const FILES_PER_TRANSACTION = 2048;

/** A batch whose headers are being read; `scanned` is set as soon as they are. */
interface InFlightBatch {
  files: FoundFile[];
  scans: Promise<FileScan[]>;
  scanned: FileScan[] | null;
}

function inFlightBatch(files: FoundFile[], scans: Promise<FileScan[]>): InFlightBatch {
  const batch: InFlightBatch = { files, scans, scanned: null };
  scans.then((result) => (batch.scanned = result), () => undefined); // a failure surfaces where the batch is awaited
  return batch;
}

export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  isCancelled?: () => boolean;
  /** Reads headers of a batch of files; by default on this thread. */
  scan?: BatchScanner;
  /** Called once, as soon as the walk finds a file to read: header readers can start while it goes on. */
  willScan?: () => void;
  /** The name the report gives a file for the user (importDisplayNames); by default its path. */
  displayName?: (path: string) => string;
}

// The DICOM reader is loaded when a file must be read here: a re-import that reads nothing, or
// one whose headers are read on worker threads, does not pay for it at start-up.
const scanHere: BatchScanner = async (files) => {
  const { scanFile } = await import('./scan-file');
  return files.map((file) => scanFile(file));
};

/**
 * Imports files and folders into the index. Every file ends as indexed, unchanged, duplicate,
 * DICOMDIR or reported with a reason. Headers are read in batches (on worker threads when the
 * caller gives a pool); results are written in file order, so the first copy of an instance wins.
 */
export async function runImport(db: Database.Database, sources: readonly string[], hooks: ImportHooks = {}): Promise<ImportReport & { cancelled: boolean }> {
  const started = performance.now();
  const isCancelled = hooks.isCancelled ?? (() => false);
  const scan = hooks.scan ?? scanHere;
  const writer = new IndexWriter(db);
  const report = { filesSeen: 0, indexed: 0, unchanged: 0, duplicates: 0, dicomdirs: 0 };
  const reported: FileProblem[] = [];
  // What the import's files hold, for the report: instance count and the series behind them.
  const touchedSeries = new Set<number>();
  let touchedInstances = 0;
  const countedDuplicates = new Map<string, 'unchanged' | 'duplicates'>();
  // The files counted in report.duplicates, by path: a requeued one leaves the list as it leaves the count.
  const duplicateFiles = new Map<string, DuplicateFile>();
  let bytesDone = 0;
  let lastProgress = 0;

  hooks.onProgress?.({ filesDone: 0, filesIndexed: 0, filesTotal: 0, bytesDone: 0, filesPerSecond: 0, totalKnown: false });
  const known = new KnownFiles(db);
  let willScan = hooks.willScan;
  const { files, problems } = walkSources(sources, isCancelled, (file) => {
    if (willScan && !isUnchanged(known.get(file.path), file)) {
      willScan();
      willScan = undefined;
    }
  });
  reported.push(...problems);
  const queue: FoundFile[] = [...files];
  const queued = new Set(files.map((f) => f.path));

  const emitProgress = (force: boolean) => {
    const now = performance.now();
    if (!hooks.onProgress || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = now;
    const seconds = (now - started) / 1000;
    hooks.onProgress({ filesDone: report.filesSeen, filesIndexed: report.indexed, filesTotal: queue.length, bytesDone, filesPerSecond: seconds > 0 ? report.filesSeen / seconds : 0, totalKnown: true });
  };

  /** A file the index has seen with the same size and mtime is not read again. */
  const skipIfUnchanged = (file: FoundFile): boolean => {
    const seen = known.get(file.path);
    if (!seen || !isUnchanged(seen, file)) return false;
    report.filesSeen++;
    bytesDone += file.size;
    report.unchanged++;
    if (seen.outcome === 'reported') reported.push({ path: file.path, reason: seen.reason ?? 'not indexed' });
    if (seen.outcome === 'indexed' && seen.seriesRef !== null) {
      touchedSeries.add(seen.seriesRef);
      touchedInstances++;
    }
    if (seen.outcome === 'duplicate') countedDuplicates.set(file.path, 'unchanged');
    return true;
  };

  /** Applies one file's scan; a database refusal for one file is reported for that file, not fatal to the import. */
  const apply = (file: FoundFile, result: FileScan) => {
    report.filesSeen++;
    bytesDone += file.size;
    const wasKnown = known.has(file.path);
    known.delete(file.path);
    try {
      applyScan(file, result, wasKnown);
    } catch (error) {
      const reason = `could not be indexed: ${(error as Error).message}`;
      reported.push({ path: file.path, reason });
      writer.recordScan(file, 'reported', reason, null, wasKnown);
    }
  };

  const applyScan = (file: FoundFile, result: FileScan, wasKnown: boolean) => {
    let orphans: string[] = [];
    if (result.kind === 'reported') {
      reported.push({ path: file.path, reason: result.reason });
      orphans = writer.recordScan(file, 'reported', result.reason, null, wasKnown);
    } else if (result.kind === 'unreadable') {
      // Not remembered as seen: a file back in place, or readable again, keeps its size and mtime,
      // and a remembered failure would be repeated as 'unchanged' by every later import.
      reported.push({ path: file.path, reason: result.reason });
      orphans = writer.forgetFile(file, wasKnown);
    } else if (result.kind === 'dicomdir') {
      report.dicomdirs++;
      orphans = writer.recordScan(file, 'dicomdir', null, null, wasKnown);
      for (const referenced of result.referenced) followReference(referenced, file.path);
      // Named as listed (the File ID under the DICOMDIR's folder, unresolved), as a missing entry is.
      for (const { fileId, reason } of result.refused) {
        reported.push({ path: `${path.dirname(file.path)}${path.sep}${fileId}`, reason: `listed in the DICOMDIR ${file.path} as "${fileId}", ${reason}` });
      }
    } else {
      const added = writer.addInstance(result.header, file, wasKnown);
      orphans = added.orphans;
      if (added.outcome === 'conflict') {
        reported.push({ path: file.path, reason: added.reason });
      } else if (added.outcome === 'indexed') {
        report.indexed++;
        touchedSeries.add(added.seriesRef);
        touchedInstances++;
      } else {
        report.duplicates++;
        countedDuplicates.set(file.path, 'duplicates');
        duplicateFiles.set(file.path, { path: file.path, sopInstanceUid: result.header.sopInstanceUid, duplicateOf: added.duplicateOf });
      }
    }
    for (const orphan of orphans) requeue(orphan);
  };

  /**
   * A duplicate whose instance lost its file must be read again. One this run already counted
   * is uncounted and queued again; one not reached yet is read when reached.
   */
  const requeue = (filePath: string) => {
    known.delete(filePath);
    const countedAs = countedDuplicates.get(filePath);
    if (!countedAs) return;
    countedDuplicates.delete(filePath);
    duplicateFiles.delete(filePath);
    report[countedAs]--;
    report.filesSeen--;
    const stat = statOrNull(filePath);
    if (stat) queue.push({ path: filePath, size: stat.size, mtimeMs: stat.mtimeMs });
  };

  /**
   * A DICOMDIR may list files outside the walked folders; they join the queue once, by their real
   * path, and only from inside the DICOMDIR's own folder (a link out of it is not followed).
   */
  const followReference = (referenced: string, dicomdirPath: string) => {
    if (queued.has(referenced)) return;
    queued.add(referenced);
    const resolved = resolveWithin(referenced, path.dirname(dicomdirPath));
    if ('reason' in resolved || !resolved.stat.isFile()) {
      const linkedOut = 'reason' in resolved && !resolved.missing;
      reported.push({ path: referenced, reason: linkedOut ? `listed in the DICOMDIR ${dicomdirPath}: ${resolved.reason}` : `listed in the DICOMDIR ${dicomdirPath} but missing` });
      return;
    }
    if (resolved.path !== referenced) {
      if (queued.has(resolved.path)) return;
      queued.add(resolved.path);
    }
    queue.push({ path: resolved.path, size: resolved.stat.size, mtimeMs: resolved.stat.mtimeMs });
  };

  // A pipeline: up to BATCHES_IN_FLIGHT batches are being read while the oldest is written.
  let next = 0;
  const inFlight: InFlightBatch[] = [];
  const fill = () => {
    while (inFlight.length < BATCHES_IN_FLIGHT && next < queue.length && !isCancelled()) {
      const batch: FoundFile[] = [];
      while (batch.length < BATCH_SIZE && next < queue.length) {
        const file = queue[next++]!;
        if (!skipIfUnchanged(file)) batch.push(file);
      }
      if (batch.length > 0) inFlight.push(inFlightBatch(batch, scan(batch)));
      emitProgress(false);
    }
  };
  fill();
  while (inFlight.length > 0) {
    const batch = inFlight.shift()!;
    const scans = await batch.scans;
    if (isCancelled()) {
      for (const abandoned of inFlight) abandoned.scans.catch(() => undefined); // their readers are stopped with the pool
      break;
    }
    // The batches already read behind it share its transaction: a commit costs a WAL sync,
    // and one per batch kept the writer waiting on the disk while the readers had work done.
    const written = [{ files: batch.files, scans }];
    let files = batch.files.length;
    while (inFlight[0]?.scanned && files + inFlight[0].files.length <= FILES_PER_TRANSACTION && !isCancelled()) {
      const ready = inFlight.shift()!;
      written.push({ files: ready.files, scans: ready.scanned! });
      files += ready.files.length;
    }
    // The write lock is waited for, not refused, while a second import or the CLI holds it.
    writeTransaction(db, () => {
      for (const { files: batchFiles, scans: batchScans } of written) batchFiles.forEach((file, i) => apply(file, batchScans[i]!));
    });
    emitProgress(false);
    fill();
  }
  writer.pruneEmpty();
  emitProgress(true);

  const totals = { ...writer.countHierarchy(touchedSeries), instances: touchedInstances };
  const displayName = hooks.displayName ?? ((filePath: string) => filePath);
  const named = reported.map((file) => ({ path: file.path, displayName: displayName(file.path), reason: file.reason }));
  return { ...report, reported: named, duplicateFiles: [...duplicateFiles.values()], ...totals, seconds: (performance.now() - started) / 1000, cancelled: isCancelled() };
}

/** True when the index saw a file with this size and mtime: it is not read again. */
function isUnchanged(seen: KnownFile | undefined, file: FoundFile): seen is KnownFile {
  return seen !== undefined && seen.size === file.size && seen.mtimeMs === file.mtimeMs;
}

function statOrNull(filePath: string): fs.Stats | null {
  try {
    return fs.statSync(filePath);
  } catch {
    return null;
  }
}
