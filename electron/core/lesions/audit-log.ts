import type Database from 'better-sqlite3';

import type { AuditEntry } from '@shared/audit/audit-entry';
import { auditRowHash, CHAIN_START, chainHead, writeChainHead, type AuditRowColumns } from './audit-chain';
import { workstationIdentity, type WorkstationIdentity } from './workstation-identity';
import { writeTransaction } from '../db/write-transaction';

type AuditEntity = AuditEntry['entity'];
type AuditAction = AuditEntry['action'];

/** A change to record: who (initials), what, before and after; the time is now unless given. */
export type AuditChange = Omit<AuditEntry, 'at' | 'osAccount' | 'workstation'> & { at?: string };

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * Appends one change to the audit trail (the table refuses updates and deletes), with the
 * operating-system account and workstation it was made from, chained to the newest row the app
 * wrote (the recorded head, not whatever row is last now: a deletion stays visible).
 * @param identity - where it was made from; this process's own unless a fixture says otherwise
 */
export function appendAudit(db: Database.Database, change: AuditChange, identity: WorkstationIdentity = workstationIdentity()): void {
  const row: AuditRowColumns = {
    at: change.at ?? new Date().toISOString(),
    reader: change.reader,
    os_account: identity.osAccount,
    workstation: identity.workstation,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    before: json(change.before),
    after: json(change.after),
  };
  writeTransaction(db, () => {
    const prevHash = chainHead(db)?.hash ?? CHAIN_START;
    const hash = auditRowHash(prevHash, row);
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO audit_log (at, reader, os_account, workstation, entity, entity_id, action, before, after, prev_hash, hash)
         VALUES (@at, @reader, @os_account, @workstation, @entity, @entity_id, @action, @before, @after, @prev_hash, @hash)`,
      )
      .run({ ...row, prev_hash: prevHash, hash });
    writeChainHead(db, Number(lastInsertRowid), hash);
  });
}

/** Every change to one entity, oldest first. */
export function auditTrail(db: Database.Database, entityId: string): AuditEntry[] {
  const rows = db.prepare('SELECT at, reader, os_account, workstation, entity, entity_id, action, before, after FROM audit_log WHERE entity_id = ? ORDER BY id').all(entityId) as (AuditRowColumns & {
    entity: AuditEntity; action: AuditAction;
  })[];
  return rows.map((r) => ({
    at: r.at, reader: r.reader, osAccount: r.os_account, workstation: r.workstation, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before === null ? null : JSON.parse(r.before), after: r.after === null ? null : JSON.parse(r.after),
  }));
}

/** The latest change to an entity when it is a deletion (when, and the record as it was), else null. */
export function latestDeletion(db: Database.Database, entity: AuditEntity, entityId: string): { at: string; before: unknown } | null {
  const latest = db.prepare('SELECT action, at, before FROM audit_log WHERE entity_id = ? AND entity = ? ORDER BY id DESC LIMIT 1').get(entityId, entity) as
    | { action: AuditAction; at: string; before: string | null }
    | undefined;
  return latest?.action === 'delete' ? { at: latest.at, before: latest.before === null ? null : JSON.parse(latest.before) } : null;
}
