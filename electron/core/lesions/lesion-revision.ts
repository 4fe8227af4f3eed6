import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { Lesion } from '@shared/lesion/lesion';
import { preparedStatement } from '../db/prepared-statement';

// Optimistic concurrency for lesions: a save, a deletion or a decision made from a lesion read at
// one revision is refused ('stale') when the lesion was saved again (or deleted) since, by any door:
// the app's other window, the loopback host, the CLI, a team version received. Checked inside the
// write transaction, against the stored revision, so nothing of a refused write is kept.
// A request naming no revision (the CLI's batch input without one, an older client) is not checked.
// A drawing's new figures written into the lesion that measured on it (drawn-values.ts) do not
// change its revision: every save takes the stored drawings' figures again, so no form undoes them.

/** The revision a client read a lesion at: a number, or null for a lesion it creates (read at none). */
export type ReadRevision = number | null;

/** A lesion's stored revision, or null when no lesion has this id; read in the caller's transaction. */
export function storedRevision(db: Database.Database, id: string): number | null {
  const revision = preparedStatement(db, 'SELECT revision FROM lesions WHERE id = ?').pluck(true).get(id) as number | undefined;
  return revision ?? null;
}

/** What two versions of a lesion record, as stored, differ in beyond their save time. */
function sameFindings(a: Lesion, b: Lesion): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}

/**
 * Whether a save read at `readAt` may write over the stored lesion: it read the stored revision, or
 * it creates a lesion that is not there. A save whose record is what is stored already (the same
 * save sent again, its answer lost) is not a conflict: `unchanged` says so and nothing is written.
 * Refused otherwise ('stale'), naming the last change, who made it, where and when.
 * @param readAt - the revision the client read it at; undefined: not checked
 * @param stored - the stored lesion (null: none) and its revision
 * @param candidate - the record as it would be stored
 */
export function checkReadRevision(
  db: Database.Database,
  readAt: ReadRevision | undefined,
  stored: { lesion: Lesion; revision: number } | null,
  candidate: Lesion,
): 'write' | 'unchanged' {
  if (readAt === undefined || readAt === (stored?.revision ?? null)) return 'write';
  if (stored && sameFindings(stored.lesion, candidate)) return 'unchanged';
  throw staleLesion(db, candidate.id, readAt, stored?.revision ?? null);
}

/**
 * Refuses a deletion or a decision made on a lesion read at another revision than the stored one.
 * @param readAt - the revision the client read it at; undefined: not checked
 */
export function requireReadRevision(db: Database.Database, id: string, readAt: ReadRevision | undefined): void {
  if (readAt === undefined) return;
  const revision = storedRevision(db, id);
  if (revision !== readAt) throw staleLesion(db, id, readAt, revision);
}

interface AuditedChange {
  at: string;
  reader: string;
  os_account: string | null;
  workstation: string | null;
  action: 'create' | 'update' | 'delete';
}

/** The refusal of a write made on a lesion as it was read: what happened to it since, by whom, from where, when. */
function staleLesion(db: Database.Database, id: string, readAt: ReadRevision, revision: number | null): AppError {
  const last = preparedStatement(db, "SELECT at, reader, os_account, workstation, action FROM audit_log WHERE entity_id = ? AND entity = 'lesion' ORDER BY id DESC LIMIT 1").get(id) as
    | AuditedChange
    | undefined;
  const what = revision === null ? (last?.action === 'delete' ? 'was deleted' : 'is not stored') : readAt === null ? 'was created meanwhile, under the same id' : 'was saved again';
  const by = last ? ` by ${last.reader}${last.workstation ? ` on workstation ${last.workstation}` : ''}${last.os_account ? ` (account ${last.os_account})` : ''} at ${last.at}` : '';
  const versions = readAt === null ? '' : ` (you read revision ${readAt}${revision === null ? '' : `; it is at revision ${revision}`})`;
  const next = revision === null ? 'Nothing was saved.' : 'Nothing was saved: load the current version, then make your change again.';
  return new AppError('stale', `Lesion ${id} changed since you opened it: it ${what}${by}${versions}. ${next}`);
}
