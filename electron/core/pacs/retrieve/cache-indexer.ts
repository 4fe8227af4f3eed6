import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { runImport } from '../../importer/run-import';
import { addCachedBytes } from '../cache/cache-store';

/** A file written to the cache, waiting to be indexed. */
export interface CachedFile {
  path: string;
  sopInstanceUid: string;
  seriesInstanceUid: string;
  bytes: number;
}

/** What indexing a batch of cached files came to. */
export interface IndexedBatch {
  indexed: CachedFile[];
  /** Already in the index from another file: the cached copy is dropped, the index keeps the first. */
  duplicates: CachedFile[];
  refused: { file: CachedFile; reason: string }[];
}

/**
 * Indexes files just written to the cache through the importer itself (the same header checks
 * and duplicate rules as an import), so that retrieved instances are indistinguishable from
 * imported ones. A file the importer refuses or finds a duplicate leaves the cache, and its scan
 * record with it: the cache holds only indexed files.
 */
export async function indexCachedFiles(db: Database.Database, studyInstanceUid: string, files: readonly CachedFile[]): Promise<IndexedBatch> {
  if (files.length === 0) return { indexed: [], duplicates: [], refused: [] };
  const report = await runImport(db, files.map((f) => f.path));
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
