import type Database from 'better-sqlite3';

/**
 * A resolver from SOP Instance UID to the indexed file holding it. Paths come from the index
 * only (never from a request), as for the viewer's pixel door.
 */
export function instanceFileResolver(db: Database.Database): (sopInstanceUid: string) => string | null {
  const query = db.prepare('SELECT file_path FROM instances WHERE sop_instance_uid = ?').pluck();
  return (sopInstanceUid) => (query.get(sopInstanceUid) as string | undefined) ?? null;
}
