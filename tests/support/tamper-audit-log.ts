import Database from 'better-sqlite3';

/**
 * Changes a database's audit log the way only someone outside the app can: another SQLite tool,
 * the append-only triggers dropped first. For tests of the hash chain that must catch it.
 * @param file - a database file (the live one of a data folder, or a backup)
 * @param sql - what to do to audit_log once its triggers are gone
 */
export function tamperAuditLog(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${sql}`);
  } finally {
    db.close();
  }
}
