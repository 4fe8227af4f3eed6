import type Database from 'better-sqlite3';

import type { AuditEntry } from '@shared/audit/audit-entry';

type AuditEntity = AuditEntry['entity'];
type AuditAction = AuditEntry['action'];

/** Appends one change to the audit trail (the table refuses updates and deletes). */
export function appendAudit(db: Database.Database, entry: Omit<AuditEntry, 'at'> & { at?: string }): void {
  db.prepare('INSERT INTO audit_log (at, reader, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    entry.at ?? new Date().toISOString(),
    entry.reader,
    entry.entity,
    entry.entityId,
    entry.action,
    entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
  );
}

/** Every change to one entity, oldest first. */
export function auditTrail(db: Database.Database, entityId: string): AuditEntry[] {
  const rows = db.prepare('SELECT at, reader, entity, entity_id, action, before, after FROM audit_log WHERE entity_id = ? ORDER BY id').all(entityId) as {
    at: string; reader: string; entity: AuditEntity; entity_id: string; action: AuditAction; before: string | null; after: string | null;
  }[];
  return rows.map((r) => ({
    at: r.at, reader: r.reader, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after),
  }));
}

/** When an entity was deleted, if the latest change to it is a deletion; else null. */
export function deletedAt(db: Database.Database, entity: AuditEntity, entityId: string): string | null {
  const latest = db.prepare('SELECT action, at FROM audit_log WHERE entity_id = ? AND entity = ? ORDER BY id DESC LIMIT 1').get(entityId, entity) as
    | { action: AuditAction; at: string }
    | undefined;
  return latest?.action === 'delete' ? latest.at : null;
}
