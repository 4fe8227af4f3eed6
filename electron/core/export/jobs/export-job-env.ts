import type Database from 'better-sqlite3';

/** What export jobs need from the app: its database, data folder, allowed folders and version. */
export interface ExportJobEnv {
  db: Database.Database;
  dataDir: string;
  /** Folders a destination must lie in (the folder browser's roots). */
  roots: readonly string[];
  appVersion: string;
}
