import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { FoundFile } from '../../importer/file-walk';
import { runImport } from '../../importer/run-import';
import type { FileScan } from '../../importer/scan-file';
import { addCachedBytes } from '../cache/cache-store';

/** A file written to the cache, waiting to be indexed. */
export interface CachedFile {
  path: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  bytes: number;
  /** Its first bytes as written (ArrivedFile.head): the importer reads its header from them, not from the disk again. */
  head: Uint8Array;
}

/** What indexing a batch of cached files came to. */
export interface IndexedBatch {
  indexed: CachedFile[];
  /** Already in the index from another file: the cached copy is dropped, the index keeps the first. */
  duplicates: CachedFile[];
  refused: { file: CachedFile; reason: string }[];
}

/**
 * Loads the importer's header reader ahead of the first file: loaded when that file is indexed,
 * it took 40 ms of the first retrieve of a process, in front of the first slice the viewer waits for.
 */
export function loadHeaderReader(): Promise<typeof import('../../importer/scan-file')> {
  return import('../../importer/scan-file');
}

/**
 * Indexes files just written to the cache through the importer itself (the same header checks
 * and duplicate rules as an import), so that retrieved instances are indistinguishable from
 * imported ones. A file the importer refuses or finds a duplicate leaves the cache, and its scan
 * record with it: the cache holds only indexed files.
 */
export async function indexCachedFiles(db: Database.Database, studyInstanceUid: string, files: readonly CachedFile[]): Promise<IndexedBatch> {
  if (files.length === 0) return { indexed: [], duplicates: [], refused: [] };
  const heads = new Map(files.map((f) => [f.path, f]));
  // The importer's own scan, given the bytes just written; a file not as written (another size) is read from the disk.
  const scan = async (found: FoundFile[]): Promise<FileScan[]> => {
    const { scanFile } = await loadHeaderReader();
    return found.map((file) => {
      const cached = heads.get(file.path);
      return scanFile(file, cached?.bytes === file.size ? cached.head : undefined);
    });
  };
  const report = await runImport(db, files.map((f) => f.path), { scan }).catch((error: unknown) => {
    dropUnindexed(db, files);
    throw error;
  });
  const reasons = new Map(report.reported.map((r) => [r.path, r.reason]));
  const duplicates = new Set(report.duplicateFiles.map((d) => d.path));
  const batch: IndexedBatch = { indexed: [], duplicates: [], refused: [] };
  const forget = db.prepare('DELETE FROM scanned_files WHERE path = ?');
  for (const file of files) {
    const reason = reasons.get(file.path);
    if (reason === undefined && !duplicates.has(file.path)) {
      batch.indexed.push(file);
      continue;
    }
    forget.run(file.path);
    fs.rmSync(file.path, { force: true });
    if (reason !== undefined) batch.refused.push({ file, reason });
    else batch.duplicates.push(file);
  }
  addCachedBytes(db, studyInstanceUid, batch.indexed.reduce((sum, f) => sum + f.bytes, 0));
  return batch;
}

/**
 * After the importer failed on a batch (the database locked past its wait, the disk full): its
 * files that no committed transaction indexed leave the cache, which holds only indexed files
 * (one left there was in no study's bytes, and lost to eviction once the study was forgotten).
 */
function dropUnindexed(db: Database.Database, files: readonly CachedFile[]): void {
  const held = db.prepare('SELECT 1 FROM instances WHERE file_path = ?').pluck();
  for (const file of files) if (held.get(file.path) === undefined) fs.rmSync(file.path, { force: true });
}
