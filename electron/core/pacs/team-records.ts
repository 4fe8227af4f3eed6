import type Database from 'better-sqlite3';
import type { RecordOrigin } from '@shared/pacs/record-origin';
import { RecordConflictSchema, type RecordConflict } from '@shared/pacs/team-sync';
import { firstDifference } from '../export/sr/record-diff';

interface OriginRow {
  id: string;
  workstation: string;
  workstation_id: string;
  reader_name: string | null;
  version: number;
}

/** Where a received document came from (its workstation, reader's name and version), or null for none (a record of this workstation's own). */
export function documentOrigin(db: Database.Database, documentKey: string | null): RecordOrigin | null {
  if (documentKey === null) return null;
  const row = db.prepare('SELECT workstation, workstation_id, reader_name, version FROM received_documents WHERE document_key = ?').get(documentKey) as Omit<OriginRow, 'id'> | undefined;
  return row ? { workstation: row.workstation, workstationId: row.workstation_id, readerName: row.reader_name, version: row.version } : null;
}

/** Where each of these lesions came from, for those received from another workstation (the others are this workstation's own). */
export function lesionOrigins(db: Database.Database, lesionIds: readonly string[]): Map<string, RecordOrigin> {
  const origins = new Map<string, RecordOrigin>();
  const query = db.prepare(
    'SELECT l.id, d.workstation, d.workstation_id, d.reader_name, d.version FROM lesions l JOIN received_documents d ON d.document_key = l.origin WHERE l.id = ?',
  );
  for (const id of lesionIds) {
    const row = query.get(id) as OriginRow | undefined;
    if (row) origins.set(id, { workstation: row.workstation, workstationId: row.workstation_id, readerName: row.reader_name, version: row.version });
  }
  return origins;
}

/**
 * The received versions of a record that differ from the one kept here, newest first, each with the
 * first field where it differs (null when the record here is gone).
 */
export function recordConflicts(db: Database.Database, entityId: string): RecordConflict[] {
  const rows = db
    .prepare(
      `SELECT c.entity, c.entity_id, c.version, c.record, c.received_at, d.workstation, d.reader, d.reader_name
       FROM received_conflicts c JOIN received_documents d ON d.document_key = c.document_key WHERE c.entity_id = ? ORDER BY c.id DESC`,
    )
    .all(entityId) as { entity: 'lesion' | 'annotation'; entity_id: string; version: number; record: string; received_at: string; workstation: string; reader: string; reader_name: string | null }[];
  return rows.map((row) => {
    const here = db.prepare(`SELECT record FROM ${row.entity === 'lesion' ? 'lesions' : 'annotations'} WHERE id = ?`).pluck().get(row.entity_id) as string | undefined;
    const record = JSON.parse(row.record) as Record<string, unknown>;
    return RecordConflictSchema.parse({
      entity: row.entity,
      entityId: row.entity_id,
      workstation: row.workstation,
      reader: row.reader,
      readerName: row.reader_name,
      version: row.version,
      receivedAt: row.received_at,
      record,
      difference: here === undefined ? null : firstDifference(JSON.parse(here), record, () => false),
    });
  });
}
