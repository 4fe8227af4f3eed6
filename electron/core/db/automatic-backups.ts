import type Database from 'better-sqlite3';
import { backupDatabase, backupIsDue } from './backups';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps a daily backup of the annotation database while the app runs: one at start when the
 * newest is a day old, then checked hourly. A failed backup is reported, never fatal.
 */
export function startAutomaticBackups(db: Database.Database, dataDir: string, onError: (error: unknown) => void): () => void {
  let running = false;
  const check = () => {
    if (running || !db.open || !backupIsDue(dataDir, DAY_MS)) return;
    running = true;
    backupDatabase(db, dataDir)
      .catch(onError)
      .finally(() => (running = false));
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
