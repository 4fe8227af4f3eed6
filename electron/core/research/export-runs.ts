import type Database from 'better-sqlite3';

/** Records an export run before it writes anything; its id names its UID map. */
export function startExportRun(db: Database.Database, kind: string, outDir: string, options: unknown): number {
  const result = db
    .prepare('INSERT INTO export_runs (kind, started_at, out_dir, options) VALUES (?, ?, ?, ?)')
    .run(kind, new Date().toISOString(), outDir, JSON.stringify(options));
  return Number(result.lastInsertRowid);
}

/** Records how an export run ended. */
export function finishExportRun(db: Database.Database, exportId: number, outcome: 'complete' | 'cancelled' | 'failed'): void {
  db.prepare('UPDATE export_runs SET finished_at = ?, outcome = ? WHERE id = ?').run(new Date().toISOString(), outcome, exportId);
}
