import type Database from 'better-sqlite3';
import { DEFAULT_SYNC_INTERVAL_SECONDS } from '@shared/export/pacs-settings';
import { PublicationProblemSchema, type OutboxItem, type OutboxStatus, type PublicationProblem } from '@shared/pacs/team-sync';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './publication-problem';
import { FindingsSnapshotSchema, fixPublication, PublicationSnapshotSchema, type FindingsSnapshot, type OpenPublication, type PublicationSnapshot } from './publication-snapshot';
import { publishingWorkstation } from './team-identity';
import { lastSync, lastTakenBack } from './sync-record';
import { writeTransaction } from '../db/write-transaction';

/** A row of pacs_outbox. */
export interface OutboxRow extends OpenPublication {
  id: number;
  enqueued_at: string;
  version: number | null;
  sop_instance_uid: string | null;
  snapshot: string | null;
  attempts: number;
  next_attempt_at: string | null;
  problem: string | null;
  /** 1 once its version was checked against those of its document the PACS holds (before its first send). */
  numbering_checked: number;
  purpose: 'change' | 'new-pacs';
}

/** Every publication waiting, oldest first: the order they are sent in. */
export function waitingPublications(db: Database.Database): OutboxRow[] {
  return db.prepare('SELECT * FROM pacs_outbox ORDER BY id').all() as OutboxRow[];
}

/** Why a publication waits, as its last attempt found. */
export const problemOf = (row: OutboxRow): PublicationProblem | null => (row.problem === null ? null : PublicationProblemSchema.parse(JSON.parse(row.problem)));

/**
 * Fixes the content of a publication not fixed yet (in the caller's transaction), recorded as its
 * document's newest version, or removes it when there is nothing new to send.
 * @param superseded - the earlier version it takes the place of, never stored on the PACS
 */
function fixRow(db: Database.Database, row: OutboxRow, now: Date, superseded?: FindingsSnapshot): PublicationSnapshot | null {
  const snapshot = fixPublication(db, row, publishingWorkstation(db), now.toISOString(), superseded);
  if (!snapshot) {
    db.prepare('DELETE FROM pacs_outbox WHERE id = ?').run(row.id);
    return null;
  }
  db.prepare('UPDATE pacs_outbox SET version = ?, sop_instance_uid = ?, snapshot = ? WHERE id = ?').run(snapshot.version, snapshot.sopInstanceUid, JSON.stringify(snapshot), row.id);
  return snapshot;
}

const rowOf = (db: Database.Database, id: number) => db.prepare('SELECT * FROM pacs_outbox WHERE id = ?').get(id) as OutboxRow | undefined;

/**
 * Starts an attempt at a publication, in one transaction: its content is fixed at the first
 * attempt (and a findings document with nothing new is dropped), and the attempt is counted before
 * anything leaves the machine, so that content once sent is never changed under its SOP Instance UID.
 * @returns the content to send, or null when the publication was dropped (or already sent by another process)
 */
export function beginAttempt(db: Database.Database, id: number, now = new Date()): PublicationSnapshot | null {
  return writeTransaction(db, () => {
    const row = rowOf(db, id);
    if (!row) return null;
    const snapshot = row.snapshot === null ? fixRow(db, row, now) : PublicationSnapshotSchema.parse(JSON.parse(row.snapshot));
    if (snapshot) db.prepare('UPDATE pacs_outbox SET attempts = attempts + 1 WHERE id = ?').run(id);
    return snapshot;
  });
}

/**
 * Lets the next publication of a findings document take the place of an earlier one the PACS
 * certainly does not hold (rejected, or never sent), in one transaction: every version holds the
 * reader's whole findings, so sending the newest is enough. The later one, fixed now if it was not,
 * chains to the version before the earlier one and still withdraws what the earlier one withdrew;
 * the earlier one leaves the outbox. When the later one says nothing new (the same content), it is
 * the one dropped and the earlier one stays.
 * @returns the version superseded and the one taking its place, or null when nothing was superseded
 */
export function supersedeEarlier(db: Database.Database, earlierId: number, laterId: number, now = new Date()): { earlier: FindingsSnapshot; later: PublicationSnapshot } | null {
  return writeTransaction(db, () => {
    const earlierRow = rowOf(db, earlierId);
    const laterRow = rowOf(db, laterId);
    if (!earlierRow?.snapshot || !laterRow || earlierRow.kind !== 'findings') return null;
    const earlier = FindingsSnapshotSchema.parse(JSON.parse(earlierRow.snapshot));
    const later = laterRow.snapshot === null ? fixRow(db, laterRow, now, earlier) : PublicationSnapshotSchema.parse(JSON.parse(laterRow.snapshot));
    if (!later) return null;
    db.prepare('DELETE FROM pacs_outbox WHERE id = ?').run(earlierId);
    return { earlier, later };
  });
}

/**
 * A publication the PACS at `url` stored: it leaves the outbox, its instance is one this workstation
 * has seen, and its document's last version is known to be on that PACS (a new PACS gets it again).
 */
export function publicationSent(db: Database.Database, id: number, snapshot: PublicationSnapshot, url: string, now = new Date()): void {
  writeTransaction(db, () => {
    db.prepare('DELETE FROM pacs_outbox WHERE id = ?').run(id);
    db.prepare('UPDATE pacs_documents SET sent_to = ? WHERE sop_instance_uid = ?').run(url, snapshot.sopInstanceUid);
    const seen = db.prepare('INSERT OR IGNORE INTO pacs_seen (sop_instance_uid, series_uid, seen_at, outcome) VALUES (?, ?, ?, ?)').run(snapshot.sopInstanceUid, snapshot.seriesInstanceUid, now.toISOString(), 'published here');
    // An instance never seen here is one more in its series than when this PACS was last looked at
    // (a listing would have marked it seen), so the next sync need not list the series for it.
    if (seen.changes > 0) db.prepare('UPDATE pacs_series_looked SET instances = instances + 1 WHERE url = ? AND series_uid = ?').run(url, snapshot.seriesInstanceUid);
  });
}

/**
 * A failed attempt: why, and when the next one is due (backoff doubling from 1 s to a minute). One
 * the PACS rejected for its content has none: the timer leaves it, Sync now tries it again.
 */
export function publicationFailed(db: Database.Database, id: number, problem: PublicationProblem, now = new Date()): void {
  const attempts = (db.prepare('SELECT attempts FROM pacs_outbox WHERE id = ?').pluck().get(id) as number | undefined) ?? 1;
  const next = problem.kind === 'rejected' ? null : new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
  db.prepare('UPDATE pacs_outbox SET problem = ?, next_attempt_at = ? WHERE id = ?').run(JSON.stringify(problem), next, id);
}

/**
 * Whether the app's timer leaves a publication alone now: its backoff runs, or the PACS rejected its
 * content (Sync now only). A retry due further off than any backoff was set by a clock since set
 * back (NTP after a clock ahead): it is due now, not when the wrong clock said.
 */
export function waitsForSyncNowOrBackoff(row: OutboxRow, now: Date): boolean {
  if (problemOf(row)?.kind === 'rejected') return true;
  const wait = row.next_attempt_at === null ? 0 : Date.parse(row.next_attempt_at) - now.getTime();
  return wait > 0 && wait <= MAX_RETRY_DELAY_MS;
}

/** Whether any publication is due for the app's timer: never tried, or its backoff over (or set by a clock since set back), and not rejected for its content. */
export function publicationsDue(db: Database.Database, now = new Date()): boolean {
  return db.prepare(
    `SELECT 1 FROM pacs_outbox WHERE (next_attempt_at IS NULL OR next_attempt_at <= ? OR next_attempt_at > ?)
       AND (problem IS NULL OR json_extract(problem, '$.kind') <> 'rejected') LIMIT 1`,
  ).get(now.toISOString(), new Date(now.getTime() + MAX_RETRY_DELAY_MS).toISOString()) !== undefined;
}

/** Records why a publication waits without counting an attempt (the PACS was not tried for it). */
export function publicationHeldBack(db: Database.Database, id: number, problem: PublicationProblem): void {
  db.prepare('UPDATE pacs_outbox SET problem = ? WHERE id = ?').run(JSON.stringify(problem), id);
}

/** The document a publication belongs to: publications of one document are sent in order, one after the other. */
export function documentKeyOf(row: OpenPublication): string {
  return `${row.kind}\u0000${row.study_uid}\u0000${row.reader}\u0000${row.record_id}`;
}

function itemOf(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    kind: row.kind,
    studyInstanceUid: row.study_uid,
    reader: row.reader,
    recordId: row.record_id === '' ? null : row.record_id,
    version: row.version,
    sopInstanceUid: row.sop_instance_uid,
    enqueuedAt: row.enqueued_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    problem: problemOf(row),
    purpose: row.purpose,
  };
}

/** The outbox as the header and `outbox` show it: what waits, why the first of them waits, and the last sync. */
export function outboxStatus(db: Database.Database): OutboxStatus {
  const rows = waitingPublications(db);
  const items = rows.map(itemOf);
  const interval = db.prepare('SELECT sync_interval_seconds FROM pacs_server WHERE id = 1').pluck().get() as number | undefined;
  return {
    pacsConfigured: interval !== undefined,
    waiting: items.length,
    reason: items.find((item) => item.problem !== null)?.problem ?? null,
    items,
    lastSync: lastSync(db),
    syncIntervalSeconds: interval ?? DEFAULT_SYNC_INTERVAL_SECONDS,
    takenBack: lastTakenBack(db),
  };
}
