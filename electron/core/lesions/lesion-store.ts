import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { explainDatabaseError } from '../db/database-errors';
import { lookupOrScan } from '../db/kept-reads';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { annotationsLinkedTo, linkCitedAnnotations, relinkAnnotations } from './annotation-links';
import { appendAudit } from './audit-log';
import { lesionsWithoutWorklistRow, upsertLesionRow } from './lesion-rows';
import { requireLocalRecord, requireOwnRecord } from './authorship';
import { withStoredDrawnValues } from './drawn-values';
import { withStoredWorstArc } from './worst-arc';
import { noteLesionChange } from '../pacs/publication-triggers';
import { lesionOrigins } from '../pacs/team-records';
import type { StoredScoredLesion } from '@shared/lesion/scored-lesion';
import { isScored, scoredLesion, type StoredRow } from './scored-lesion-cache';
import { parseStoredLesion, withMeasuredPlanes } from './measured-planes';
import { writeTransaction } from '../db/write-transaction';
import { checkReadRevision, requireReadRevision, type ReadRevision } from './lesion-revision';

/** Filters of a lesion listing; a reader's own lesions by default, all readers on request. */
export interface LesionFilter {
  studyInstanceUid?: string;
  reader?: string;
}

/** A stored lesion and the revision its row has (lesion-revision.ts). */
export interface RevisedLesion {
  lesion: Lesion;
  revision: number;
}

/**
 * Saves a lesion (create or update) in one transaction with its audit row and the links of the
 * drawings its measured values cite; the record is validated first and its urgency recomputed from
 * it, so the stored flag never drifts. Only the signed-in reader's own lesions: a new one must name
 * them, a stored one must be theirs.
 * @param reader - the signed-in reader's initials
 * @param readAt - the revision the lesion was read at (null: created), refused as 'stale' when it was saved since; undefined: not checked
 */
export function saveLesion(db: Database.Database, candidate: unknown, reader: string, readAt?: ReadRevision): Lesion {
  return saveRevisedLesion(db, candidate, reader, readAt).lesion;
}

/** saveLesion, returning the revision the lesion is stored at (its stored one when the save was the stored record again). */
export function saveRevisedLesion(db: Database.Database, candidate: unknown, reader: string, readAt?: ReadRevision): RevisedLesion {
  const lesion = StoredLesionSchema.parse(candidate);
  requireOwnRecord('lesion', lesion.reader, reader);
  return writeTransaction(db, () => {
    const before = readRevisedLesion(db, lesion.id);
    if (before) requireOwnRecord('lesion', before.lesion.reader, reader);
    return writeLesion(db, lesion, before, reader, readAt);
  });
}

/**
 * Saves several lesions all or none, in one transaction, under the rules of saveLesion: when one
 * is refused nothing of the batch is stored, and the refusal names which record it was.
 * @param reader - the signed-in reader's initials
 * @param readAt - the revision each lesion (by id) was read at; a lesion not named is not checked
 */
export function saveLesions(db: Database.Database, candidates: readonly unknown[], reader: string, readAt: ReadonlyMap<string, ReadRevision> = new Map()): RevisedLesion[] {
  return writeTransaction(db, () =>
    candidates.map((candidate, i) => {
      const id = (candidate as { id?: unknown } | null)?.id;
      try {
        return saveRevisedLesion(db, candidate, reader, typeof id === 'string' ? readAt.get(id) : undefined);
      } catch (error) {
        const explained = explainDatabaseError(error);
        const which = `Record ${i + 1} of ${candidates.length}${typeof id === 'string' ? ` (lesion ${id})` : ''}`;
        if (explained instanceof AppError) throw new AppError(explained.code, `${which} was refused: ${explained.message} Nothing of this batch was stored.`, { cause: error });
        throw explained;
      }
    }),
  );
}

/**
 * Writes a lesion back as it was recorded, by whichever reader (an SR this app wrote, restored),
 * audited under the reader restoring it.
 * @param reader - initials of the reader restoring it
 */
export function restoreLesion(db: Database.Database, candidate: unknown, reader: string): Lesion {
  const lesion = StoredLesionSchema.parse(candidate);
  return writeTransaction(db, () => writeLesion(db, lesion, readRevisedLesion(db, lesion.id), reader, undefined).lesion);
}

function writeLesion(db: Database.Database, given: Lesion, stored: RevisedLesion | null, reader: string, readAt: ReadRevision | undefined): RevisedLesion {
  const before = stored?.lesion ?? null;
  if (before) requireLocalRecord(db, 'lesion', given.id);
  // A form opened before its drawing was moved still holds the old figure: the stored drawing's
  // counts; then each length's plane comes from the index, whatever the renderer sent.
  // A smaller arc linked while another of the lesion's measures more: the worst arc is scored.
  const lesion = withMeasuredPlanes(db, withStoredWorstArc(db, withStoredDrawnValues(db, given)));
  if (checkReadRevision(db, readAt, stored, lesion) === 'unchanged') return stored!;
  if (before && before.trackingUid !== lesion.trackingUid) {
    throw new AppError('conflict', 'A lesion keeps its tracking UID for life: it identifies the lesion in every export.');
  }
  const revision = upsertLesionRow(db, lesion, null);
  appendAudit(db, { reader, entity: 'lesion', entityId: lesion.id, action: before ? 'update' : 'create', before, after: lesion });
  // In the same transaction: the drawings its measured values cite are linked, the others unlinked,
  // and a final lesion (or one that was) is queued for publication to the team.
  linkCitedAnnotations(db, lesion, reader);
  noteLesionChange(db, lesion.studyInstanceUid, lesion.reader, before?.status === 'final' || lesion.status === 'final');
  return { lesion, revision };
}

/** One lesion and its revision, or null. */
export function readRevisedLesion(db: Database.Database, id: string): RevisedLesion | null {
  const row = db.prepare('SELECT record, revision FROM lesions WHERE id = ?').get(id) as { record: string; revision: number } | undefined;
  return row === undefined ? null : { lesion: parseStoredLesion(db, row.record), revision: row.revision };
}

/** One lesion, or null. */
export function readLesion(db: Database.Database, id: string): Lesion | null {
  return readRevisedLesion(db, id)?.lesion ?? null;
}

/** Lesions matching a filter, oldest first (the order they were marked). */
export function listLesions(db: Database.Database, filter: LesionFilter = {}): Lesion[] {
  return lesionRows(db, filter, false).map((row) => parseStoredLesion(db, row.record!));
}

/**
 * Lesions matching a filter with their scores and where each came from, oldest first, as the lesion
 * list shows them. Reads the lesions' narrow worklist rows (migration 11), and a lesion's record only
 * when it was not read or written at its current revision (scored-lesion-cache.ts), or has no row.
 */
export function listScoredLesions(db: Database.Database, filter: LesionFilter = {}): StoredScoredLesion[] {
  const rows = lesionRows(db, filter, true);
  const origins = lesionOrigins(db, rows.filter((row) => row.origin !== null).map((row) => row.id));
  const recordOf = unkeptRecords(db, filter, rows);
  return rows.map((row) => {
    // A row without a worklist row is kept by its record's text and revision: an edit from outside the app changes the one, a save the other.
    const { lesion, scores, revision } =
      row.revision === null
        ? scoredLesion(db, row.id, `${row.row_revision} ${row.record}`, () => ({ record: row.record!, revision: row.row_revision! }))
        : scoredLesion(db, row.id, row.revision, () => recordOf(row.id));
    return { lesion, scores, revision, origin: origins.get(row.id) ?? null };
  });
}

/** Reads the records (and revisions) of the listed lesions not kept at their worklist revision (kept-reads.ts lookupOrScan), among those the filter matches. */
function unkeptRecords(db: Database.Database, filter: LesionFilter, rows: readonly LesionRow[]): (id: string) => StoredRow {
  const unkept = rows.filter((row) => row.revision !== null && !isScored(db, row.id, row.revision)).length;
  const rowOf = db.prepare('SELECT record, revision FROM lesions WHERE id = ?');
  const read = lookupOrScan(
    unkept,
    (id: string) => rowOf.get(id) as StoredRow | undefined,
    () => lesionRows(db, filter, false).map((row): [string, StoredRow] => [row.id, { record: row.record!, revision: row.row_revision! }]),
  );
  return (id) => read(id)!;
}

interface LesionRow {
  id: string;
  /** Its worklist row's revision; null when the row was read from the lesions table. */
  revision: number | null;
  /** Its record; only when read from the lesions table. */
  record: string | null;
  /** Its lesions row's revision (lesion-revision.ts); only when read from the lesions table. */
  row_revision: number | null;
  origin: string | null;
  created_at: string;
}

// Sorted here rather than by SQL: SQLite sorts whole rows, records inside, and that took most of a
// listing's time. In the order of SQLite's BINARY collation (UTF-8 bytes, that is code points),
// which is the order of JS's < unless a string holds a surrogate (never in an ISO time or a UUID).
const byCreation = (a: LesionRow, b: LesionRow) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const utf8 = (s: string) => Buffer.from(s);
const byCreationBytes = (a: LesionRow, b: LesionRow) => Buffer.compare(utf8(a.created_at), utf8(b.created_at)) || Buffer.compare(utf8(a.id), utf8(b.id));
const SURROGATE = /[\ud800-\udfff]/;

/**
 * The rows of the lesions matching a filter, oldest first.
 * @param revisions - read the worklist rows (their revisions, not the records) where lesions have one
 */
function lesionRows(db: Database.Database, filter: LesionFilter, revisions: boolean): LesionRow[] {
  const where: string[] = [];
  if (filter.studyInstanceUid) where.push('study_uid = @study');
  if (filter.reader) where.push('reader = @reader');
  const params = { ...(filter.studyInstanceUid ? { study: filter.studyInstanceUid } : {}), ...(filter.reader ? { reader: filter.reader } : {}) };
  const fromLesions = (extra: string[]) => {
    const conditions = [...where, ...extra];
    return `SELECT id, NULL AS revision, record, revision AS row_revision, origin, created_at FROM lesions l ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
  };
  let sql = fromLesions([]);
  if (revisions) {
    sql = `SELECT lesion_id AS id, revision, NULL AS record, NULL AS row_revision, origin, created_at FROM lesion_worklist ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    if (lesionsWithoutWorklistRow(db) > 0) sql += ` UNION ALL ${fromLesions(['NOT EXISTS (SELECT 1 FROM lesion_worklist w WHERE w.lesion_id = l.id)'])}`;
  }
  const rows = db.prepare(sql).all(params) as LesionRow[];
  return rows.sort(rows.some((row) => SURROGATE.test(row.created_at) || SURROGATE.test(row.id)) ? byCreationBytes : byCreation);
}

/**
 * Deletes one of the reader's own lesions and audits it; its annotations stay as plain
 * measurements, unlinked (and audited), whoever drew them.
 * @param reader - the signed-in reader's initials
 * @param readAt - the revision it was read at, refused as 'stale' when it was saved since; undefined: not checked
 */
export function deleteLesion(db: Database.Database, id: string, reader: string, readAt?: number): void {
  writeTransaction(db, () => {
    const before = readLesion(db, id);
    if (!before) throw new AppError('not_found', `No lesion ${id}.`);
    requireOwnRecord('lesion', before.reader, reader);
    requireReadRevision(db, id, readAt);
    requireLocalRecord(db, 'lesion', id);
    const drawings = annotationsLinkedTo(db, id);
    db.prepare('DELETE FROM lesions WHERE id = ?').run(id);
    relinkAnnotations(db, drawings, reader);
    appendAudit(db, { reader, entity: 'lesion', entityId: id, action: 'delete', before, after: null });
    // A final lesion deleted is withdrawn from the team by the next version of its reader's findings.
    noteLesionChange(db, before.studyInstanceUid, before.reader, before.status === 'final');
  });
}
