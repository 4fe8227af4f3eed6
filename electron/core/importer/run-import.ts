import type Database from 'better-sqlite3';
import type { ImportProgress, ImportReport, ReportedFile } from '../../../shared/import/import-job';
import { dicomdirReferencedFiles, isDicomdir } from '../dicom/dicomdir';
import { extractInstanceHeader } from '../dicom/instance-header';
import { readDicomHeader } from '../dicom/read-header';
import { IndexWriter } from '../index/index-writer';
import { walkSources, type FoundFile } from './file-walk';
import fs from 'node:fs';

/** Files written per transaction: large enough to amortise the commit, small enough to show progress. */
const BATCH_SIZE = 500;
const PROGRESS_INTERVAL_MS = 100;

export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  isCancelled?: () => boolean;
}

/**
 * Imports files and folders into the index, synchronously (run it off the UI thread).
 * Every file ends as indexed, unchanged, duplicate, DICOMDIR or reported with a reason.
 */
export function runImport(db: Database.Database, sources: readonly string[], hooks: ImportHooks = {}): ImportReport & { cancelled: boolean } {
  const started = performance.now();
  const isCancelled = hooks.isCancelled ?? (() => false);
  const writer = new IndexWriter(db);
  const report = { filesSeen: 0, indexed: 0, unchanged: 0, duplicates: 0, dicomdirs: 0 };
  const reported: ReportedFile[] = [];
  const touchedSops = new Set<string>();
  const countedDuplicates = new Map<string, 'unchanged' | 'duplicates'>();
  let bytesDone = 0;
  let lastProgress = 0;

  hooks.onProgress?.({ filesDone: 0, filesTotal: 0, bytesDone: 0, filesPerSecond: 0, totalKnown: false });
  const { files, problems } = walkSources(sources, isCancelled);
  reported.push(...problems);
  const queue: FoundFile[] = [...files];
  const queued = new Set(files.map((f) => f.path));

  const emitProgress = (force: boolean) => {
    const now = performance.now();
    if (!hooks.onProgress || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return;
    lastProgress = now;
    const seconds = (now - started) / 1000;
    hooks.onProgress({ filesDone: report.filesSeen, filesTotal: queue.length, bytesDone, filesPerSecond: seconds > 0 ? report.filesSeen / seconds : 0, totalKnown: true });
  };

  const importFile = (file: FoundFile) => {
    report.filesSeen++;
    bytesDone += file.size;
    const known = writer.scannedFile(file.path);
    if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) {
      report.unchanged++;
      if (known.outcome === 'reported') reported.push({ path: file.path, reason: known.reason ?? 'not indexed' });
      if (known.outcome === 'indexed' && known.sopInstanceUid) touchedSops.add(known.sopInstanceUid);
      if (known.outcome === 'duplicate') countedDuplicates.set(file.path, 'unchanged');
      return;
    }
    let read;
    try {
      read = readDicomHeader(file.path, file.size);
    } catch (error) {
      read = { kind: 'not-dicom' as const, reason: `could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
    if (read.kind === 'not-dicom') {
      reported.push({ path: file.path, reason: read.reason });
      writer.recordScan(file, 'reported', read.reason, null);
      return;
    }
    if (isDicomdir(read.dataSet)) {
      report.dicomdirs++;
      writer.recordScan(file, 'dicomdir', null, null);
      for (const referenced of dicomdirReferencedFiles(read.dataSet, file.path)) followReference(referenced, file.path);
      return;
    }
    const extraction = extractInstanceHeader(read.dataSet);
    if (!extraction.ok) {
      reported.push({ path: file.path, reason: extraction.reason });
      writer.recordScan(file, 'reported', extraction.reason, null);
      return;
    }
    const { outcome, orphans } = writer.addInstance(extraction.header, file);
    for (const orphan of orphans) requeue(orphan);
    if (outcome === 'indexed') {
      report.indexed++;
      touchedSops.add(extraction.header.sopInstanceUid);
    } else {
      report.duplicates++;
      countedDuplicates.set(file.path, 'duplicates');
    }
    writer.recordScan(file, outcome, null, extraction.header.sopInstanceUid);
  };

  /**
   * A duplicate whose instance lost its file must be read again. One this run already counted
   * is uncounted and queued again; one not reached yet is read when reached.
   */
  const requeue = (filePath: string) => {
    const countedAs = countedDuplicates.get(filePath);
    if (!countedAs) return;
    countedDuplicates.delete(filePath);
    report[countedAs]--;
    report.filesSeen--;
    try {
      const stat = fs.statSync(filePath);
      queue.push({ path: filePath, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      // A duplicate that no longer exists has nothing to stand for.
    }
  };

  /** A DICOMDIR may list files outside the walked folders; they join the queue once. */
  const followReference = (referenced: string, dicomdirPath: string) => {
    if (queued.has(referenced)) return;
    queued.add(referenced);
    try {
      const stat = fs.statSync(referenced);
      if (stat.isFile()) queue.push({ path: referenced, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      reported.push({ path: referenced, reason: `listed in the DICOMDIR ${dicomdirPath} but missing` });
    }
  };

  let index = 0;
  const importBatch = db.transaction(() => {
    const end = Math.min(index + BATCH_SIZE, queue.length);
    for (; index < end && !isCancelled(); index++) {
      importFile(queue[index]!);
      emitProgress(false);
    }
  });
  while (index < queue.length && !isCancelled()) importBatch();
  writer.pruneEmpty();
  emitProgress(true);

  const totals = countTouched(db, touchedSops);
  const cancelled = isCancelled();
  return { ...report, reported, ...totals, seconds: (performance.now() - started) / 1000, cancelled };
}

/** Distinct patients, studies, series and instances among the instances an import touched. */
function countTouched(db: Database.Database, sops: Set<string>): Pick<ImportReport, 'patients' | 'studies' | 'series' | 'instances'> {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS touched_sops (uid TEXT PRIMARY KEY) WITHOUT ROWID; DELETE FROM touched_sops;');
  const insert = db.prepare('INSERT OR IGNORE INTO touched_sops VALUES (?)');
  db.transaction(() => {
    for (const uid of sops) insert.run(uid);
  })();
  const row = db
    .prepare(
      `SELECT count(DISTINCT st.patient_ref) AS patients, count(DISTINCT se.study_ref) AS studies,
              count(DISTINCT i.series_ref) AS series, count(*) AS instances
       FROM touched_sops t JOIN instances i ON i.sop_instance_uid = t.uid
       JOIN series se ON se.id = i.series_ref JOIN studies st ON st.id = se.study_ref`,
    )
    .get() as { patients: number; studies: number; series: number; instances: number };
  db.exec('DELETE FROM touched_sops');
  return row;
}
