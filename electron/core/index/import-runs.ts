import type Database from 'better-sqlite3';
import { ImportReportSchema, type ImportReport } from '@shared/import/import-job';
import type { ImportRun } from '@shared/ipc/contract';

/** Keeps an import's report so the study browser can show it later. */
export function recordImportRun(db: Database.Database, sources: readonly string[], report: ImportReport): number {
  const result = db
    .prepare('INSERT INTO import_runs (started_at, sources, report) VALUES (?, ?, ?)')
    .run(new Date().toISOString(), JSON.stringify(sources), JSON.stringify(report));
  return Number(result.lastInsertRowid);
}

/** The most recent imports, newest first. */
export function listImportRuns(db: Database.Database, limit: number): ImportRun[] {
  const rows = db
    .prepare('SELECT id, started_at, sources, report FROM import_runs ORDER BY id DESC LIMIT ?')
    .all(limit) as { id: number; started_at: string; sources: string; report: string }[];
  return rows.map((row) => ({
    runId: row.id,
    startedAt: row.started_at,
    sources: JSON.parse(row.sources) as string[],
    report: ImportReportSchema.parse(JSON.parse(row.report)),
  }));
}
