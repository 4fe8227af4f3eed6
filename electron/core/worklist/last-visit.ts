import type Database from 'better-sqlite3';

const key = (initials: string) => `worklist_last_visit:${initials}`;

/** When a reader last opened the worklist, or null the first time. */
export function lastWorklistVisit(db: Database.Database, initials: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key(initials)) as string | undefined) ?? null;
}

/** Records that a reader has seen the worklist now. */
export function markWorklistVisited(db: Database.Database, initials: string, now = new Date()): string {
  const at = now.toISOString();
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key(initials), at);
  return at;
}
