import type Database from 'better-sqlite3';
import { z } from 'zod';
import { ImportReportSchema, ReportedFileSchema, type ImportReport } from '@shared/import/import-job';
import type { ImportRun } from '@shared/ipc/contract';

/** A report as stored: those kept before reports named their files have no display names. */
const StoredReportSchema = ImportReportSchema.extend({
  reported: z.array(ReportedFileSchema.extend({ displayName: z.string().optional() })),
});

/** Keeps an import's report so the study browser can show it later. */
export function recordImportRun(db: Database.Database, sources: readonly string[], report: ImportReport): number {
  const result = db
    .prepare('INSERT INTO import_runs (started_at, sources, report) VALUES (?, ?, ?)')
    .run(new Date().toISOString(), JSON.stringify(sources), JSON.stringify(report));
  return Number(result.lastInsertRowid);
}

/**
 * The most recent imports, newest first, their sources and reported files named for the user.
 * @param displayName - names a path for the user (importDisplayNames of the data folder); also
 *   gives the names that reports stored before they had them lack
 */
export function listImportRuns(db: Database.Database, limit: number, displayName: (path: string) => string): ImportRun[] {
  const rows = db
    .prepare('SELECT id, started_at, sources, report FROM import_runs ORDER BY id DESC LIMIT ?')
    .all(limit) as { id: number; started_at: string; sources: string; report: string }[];
  return rows.map((row) => {
    const report = StoredReportSchema.parse(JSON.parse(row.report));
    return {
      runId: row.id,
      startedAt: row.started_at,
      sources: (JSON.parse(row.sources) as string[]).map((source) => ({ path: source, displayName: displayName(source) })),
      report: { ...report, reported: report.reported.map((file) => ({ ...file, displayName: file.displayName ?? displayName(file.path) })) },
    };
  });
}
