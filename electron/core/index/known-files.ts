import type Database from 'better-sqlite3';

export type ScanOutcome = 'indexed' | 'duplicate' | 'dicomdir' | 'reported';

/** What the index remembers of a file seen before, to skip it when unchanged. */
export interface KnownFile {
  size: number;
  mtimeMs: number;
  outcome: ScanOutcome;
  reason: string | null;
  /** The series row of an indexed file, for counting what an import touched. */
  seriesRef: number | null;
}

/**
 * Paths looked up one at a time before the whole index is read instead: a lookup costs about six
 * rows of the full read, so a few thousand are cheaper than reading an index of 100,000 files
 * (0.25 s), which a retrieve would otherwise pay for every batch of 64 files it indexes.
 */
const LOOKUPS_BEFORE_FULL_READ = 2000;

/** Every file the index knows, in two queries: for an import that looks at many files. */
function readAllKnownFiles(db: Database.Database): Map<string, KnownFile> {
  const known = new Map<string, KnownFile>();
  const scanned = db.prepare('SELECT path, size, mtime_ms, outcome, reason FROM scanned_files').raw().all() as [string, number, number, ScanOutcome, string | null][];
  for (const row of scanned) known.set(row[0], { size: row[1], mtimeMs: row[2], outcome: row[3], reason: row[4], seriesRef: null });
  // Only what decides "unchanged" and what the report counts: the UID would be one more string per file.
  const indexed = db.prepare('SELECT file_path, file_size, file_mtime_ms, series_ref FROM instances').raw().all() as [string, number, number, number][];
  for (const row of indexed) known.set(row[0], { size: row[1], mtimeMs: row[2], outcome: 'indexed', reason: null, seriesRef: row[3] });
  return known;
}

/**
 * What the index knew of files when an import started, by path. Answers from lookups by path
 * (both tables are indexed on it) while the import has asked about few files, and from one full
 * read once it has asked about many; a path the import forgot is unknown from then on. An indexed
 * file's instance row wins over a scan record of the same path, as in the full read.
 */
export class KnownFiles {
  private all: Map<string, KnownFile> | null = null;
  private readonly looked = new Map<string, KnownFile | null>();
  private readonly forgotten = new Set<string>();
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly lookupsBeforeFullRead = LOOKUPS_BEFORE_FULL_READ,
  ) {
    this.statements = {
      instance: db.prepare('SELECT file_size, file_mtime_ms, series_ref FROM instances WHERE file_path = ? LIMIT 1').raw(),
      scanned: db.prepare('SELECT size, mtime_ms, outcome, reason FROM scanned_files WHERE path = ?').raw(),
    };
  }

  /** What the index knew of a file, or undefined for a file it never saw (or one forgotten since). */
  get(path: string): KnownFile | undefined {
    if (this.forgotten.has(path)) return undefined;
    if (this.all) return this.all.get(path);
    const looked = this.looked.get(path);
    if (looked !== undefined) return looked ?? undefined;
    if (this.looked.size >= this.lookupsBeforeFullRead) {
      this.all = readAllKnownFiles(this.db);
      // The full read comes later than the lookups: files this import wrote since are not "known".
      for (const [known, file] of this.looked) {
        if (file) this.all.set(known, file);
        else this.all.delete(known);
      }
      this.looked.clear();
      return this.all.get(path);
    }
    const found = this.lookUp(path);
    this.looked.set(path, found);
    return found ?? undefined;
  }

  /** True when the index knew the file. */
  has(path: string): boolean {
    return this.get(path) !== undefined;
  }

  /** The import has taken the file over: from now on it is not "known" (its row may have changed). */
  delete(path: string): void {
    this.forgotten.add(path);
  }

  private lookUp(path: string): KnownFile | null {
    const instance = this.statements.instance.get(path) as [number, number, number] | undefined;
    if (instance) return { size: instance[0], mtimeMs: instance[1], outcome: 'indexed', reason: null, seriesRef: instance[2] };
    const scanned = this.statements.scanned.get(path) as [number, number, ScanOutcome, string | null] | undefined;
    return scanned ? { size: scanned[0], mtimeMs: scanned[1], outcome: scanned[2], reason: scanned[3], seriesRef: null } : null;
  }
}
