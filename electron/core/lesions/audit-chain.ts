import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

// The audit log is a hash chain: each row holds the hash of the row before it (prev_hash) and its
// own (hash, over prev_hash and every column), and the settings table names the newest row. A row
// edited, or deleted, outside the app (the table's triggers refuse both, so only someone dropping
// them with another SQLite tool can) breaks the chain from there on. It is tamper-evident, not
// tamper-proof: someone who recomputes every hash after an edit is not caught by it.

/** The hash the first row of a log chains to. */
export const CHAIN_START = '0'.repeat(64);

const HEAD_KEY = 'audit_chain_head';

/** The columns of an audit row that its hash covers, as stored (before and after as JSON text). */
export interface AuditRowColumns {
  at: string;
  reader: string;
  os_account: string | null;
  workstation: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
}

/** An audit row as stored, with its place in the chain. */
export interface ChainedAuditRow extends AuditRowColumns {
  id: number;
  prev_hash: string;
  hash: string;
}

/** The hash of one row: of the previous row's hash and every column of this one. */
export function auditRowHash(prevHash: string, row: AuditRowColumns): string {
  const fields = [prevHash, row.at, row.reader, row.os_account, row.workstation, row.entity, row.entity_id, row.action, row.before, row.after];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The newest row of the chain as last written by the app, or null before any. */
export function chainHead(db: Database.Database): { id: number; hash: string } | null {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(HEAD_KEY) as string | undefined;
  return value === undefined ? null : (JSON.parse(value) as { id: number; hash: string });
}

/** Records the newest row of the chain (in the transaction that wrote it). */
export function writeChainHead(db: Database.Database, id: number, hash: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(HEAD_KEY, JSON.stringify({ id, hash }));
}

/** The outcome of checking the chain: intact, or where and how it breaks. */
export type ChainCheck = { intact: true; rows: number } | { intact: false; rows: number; problem: string };

const described = (row: ChainedAuditRow) => `row ${row.id} (${row.entity} ${row.action} by ${row.reader} at ${row.at})`;

/**
 * Walks the whole audit log, oldest first, checking every row's own hash, its link to the row
 * before it, and that the newest row is the one the app last wrote.
 */
export function checkAuditChain(db: Database.Database): ChainCheck {
  let previous: ChainedAuditRow | null = null;
  let rows = 0;
  const broken = (problem: string): ChainCheck => ({ intact: false, rows, problem });
  for (const row of db.prepare('SELECT id, at, reader, os_account, workstation, entity, entity_id, action, before, after, prev_hash, hash FROM audit_log ORDER BY id').iterate() as IterableIterator<ChainedAuditRow>) {
    rows++;
    if (row.prev_hash !== (previous?.hash ?? CHAIN_START)) return broken(previous ? `the row before ${described(row)} was deleted or changed` : `the rows before ${described(row)} were deleted`);
    if (auditRowHash(row.prev_hash, row) !== row.hash) return broken(`${described(row)} was changed after it was written`);
    previous = row;
  }
  const head = chainHead(db);
  if (previous === null) return head === null ? { intact: true, rows } : broken(`every row was deleted (the log had reached row ${head.id})`);
  if (head === null) return broken('the record of its newest row was deleted');
  if (head.id !== previous.id || head.hash !== previous.hash) return broken(`the newest rows were deleted or changed: it ends at row ${previous.id}, but had reached row ${head.id}`);
  return { intact: true, rows };
}

/** What a broken chain means for the user, in one sentence naming where; null when it is intact. */
export function auditChainProblem(check: ChainCheck, database: string): string | null {
  if (check.intact) return null;
  return `The audit log of ${database} does not chain: ${check.problem}. Rows were edited or deleted outside BoneMet Review, so the log no longer proves who changed what.`;
}
