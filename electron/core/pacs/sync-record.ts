import type Database from 'better-sqlite3';
import type { OutboxStatus } from '@shared/pacs/team-sync';

const KEY = 'pacs_last_sync';

/** The last sync with the PACS by any door on this data folder: when, what it received, and what failed. */
export function lastSync(db: Database.Database): OutboxStatus['lastSync'] {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  return value === undefined ? null : (JSON.parse(value) as OutboxStatus['lastSync']);
}

/** Records a sync's end, so that the header of every door says when the team's findings were last fetched. */
export function recordSync(db: Database.Database, received: number, error: string | null, at = new Date()): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify({ at: at.toISOString(), received, error }));
}

const TAKEN_BACK_KEY = 'pacs_last_taken_back';

/** The last sync that took back this workstation's own records from the PACS (after a restore), or null. */
export function lastTakenBack(db: Database.Database): OutboxStatus['takenBack'] {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(TAKEN_BACK_KEY) as string | undefined;
  return value === undefined ? null : (JSON.parse(value) as OutboxStatus['takenBack']);
}

/** Records that a sync took back records, so that every door tells it, whichever pass did it (the app's timer included). */
export function recordTakenBack(db: Database.Database, records: number, at = new Date()): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(TAKEN_BACK_KEY, JSON.stringify({ at: at.toISOString(), records }));
}
