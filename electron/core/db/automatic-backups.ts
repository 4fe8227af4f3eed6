import type Database from 'better-sqlite3';
import { backupDatabase, backupIsDue } from './backups';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps a daily backup of the annotation database while the app runs: one at start when the
 * newest is a day old, then checked hourly. Each attempt's outcome is reported (null: it worked);
 * a failed backup is never fatal.
 */
export function startAutomaticBackups(db: Database.Database, dataDir: string, onOutcome: (error: unknown) => void): () => void {
  let running = false;
  const check = () => {
    if (running || !db.open) return;
    let due: boolean;
    try {
      due = backupIsDue(dataDir, DAY_MS);
    } catch (error) {
      onOutcome(error); // an unreadable backups folder must not stop the app from starting
      return;
    }
    if (!due) return;
    running = true;
    backupDatabase(db, dataDir)
      .then(() => onOutcome(null), onOutcome)
      .finally(() => (running = false));
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
