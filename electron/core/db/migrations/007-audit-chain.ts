import { auditRowHash, CHAIN_START, writeChainHead, type ChainedAuditRow } from '../../lesions/audit-chain';
import type { Migration } from '../migration';

type OldRow = Omit<ChainedAuditRow, 'prev_hash' | 'hash'>;

/**
 * The audit log becomes a hash chain and records where each change was made from: every row gets
 * the operating-system account and workstation (NULL on the rows before, which never recorded
 * them), the hash of the row before it and its own; sign-ins ('reader') join what it records.
 * SQLite cannot change a CHECK in place, so the table is rebuilt (in the migration's transaction)
 * with its rows in order, chained as they stand, then its index and its append-only triggers.
 */
export const auditChain: Migration = {
  version: 7,
  name: 'audit-chain',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log_v7 (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        reader TEXT NOT NULL,
        entity TEXT NOT NULL CHECK (entity IN ('lesion', 'annotation', 'review', 'reader')),
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        before TEXT,
        after TEXT,
        os_account TEXT,
        workstation TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `);
    const insert = db.prepare(
      `INSERT INTO audit_log_v7 (id, at, reader, entity, entity_id, action, before, after, os_account, workstation, prev_hash, hash)
       VALUES (@id, @at, @reader, @entity, @entity_id, @action, @before, @after, @os_account, @workstation, @prev_hash, @hash)`,
    );
    // In pages: a connection runs no other statement while it iterates, and a long log need not fit in memory.
    const page = db.prepare('SELECT id, at, reader, NULL AS os_account, NULL AS workstation, entity, entity_id, action, before, after FROM audit_log WHERE id > ? ORDER BY id LIMIT 500');
    let prevHash = CHAIN_START;
    let last = 0;
    for (let rows = page.all(last) as OldRow[]; rows.length > 0; rows = page.all(last) as OldRow[]) {
      for (const row of rows) {
        const hash = auditRowHash(prevHash, row);
        insert.run({ ...row, prev_hash: prevHash, hash });
        [prevHash, last] = [hash, row.id];
      }
    }
    if (last > 0) writeChainHead(db, last, prevHash);
    db.exec(`
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v7 RENAME TO audit_log;
      CREATE INDEX audit_by_entity ON audit_log(entity_id, id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
