import type Database from 'better-sqlite3';
import { StoredAnnotationSchema, type Annotation } from '@shared/annotation/annotation';
import { StoredLesionSchema, type Lesion } from '@shared/lesion/lesion';
import { AppError } from '@shared/errors';
import { firstDifference } from '../export/sr/record-diff';
import {
  deleteReceivedAnnotation, deleteReceivedLesion, writeReceivedAnnotation, writeReceivedLesion, writeReceivedReview, type ReceivedFrom,
} from '../lesions/received-records';
import { applyPendingDecisions, decisionAsStored, decisionHere, keepPendingDecision } from './apply-team-decision';
import type { PublicationSource, TeamPublication } from './read-team-publication';
import { writeTransaction } from '../db/write-transaction';

/** What receiving one publication did. */
export type ApplyOutcome =
  /** Stored; `decisions`: decisions received earlier that waited for one of its lesions, stored with it. */
  | { applied: true; conflicts: number; decisions: number; refused?: string[] }
  | { applied: false; why: 'older' | 'known' | 'pending' };

type Entity = 'lesion' | 'annotation';
type RecordOf<E extends Entity> = E extends 'lesion' ? Lesion : Annotation;

const same = (a: unknown, b: unknown) => firstDifference(a, b, () => false) === null;

interface StoredRow {
  record: string;
  origin: string | null;
}

function storedRow(db: Database.Database, entity: Entity, id: string): StoredRow | undefined {
  return db.prepare(`SELECT record, origin FROM ${entity === 'lesion' ? 'lesions' : 'annotations'} WHERE id = ?`).get(id) as StoredRow | undefined;
}

const parse = <E extends Entity>(entity: E, record: string) => (entity === 'lesion' ? StoredLesionSchema : StoredAnnotationSchema).parse(JSON.parse(record)) as RecordOf<E>;

/**
 * Whether this workstation recorded the record itself, though it may be gone (deleted, or withdrawn):
 * its audit trail holds a change made by an account of this machine (a received write names none).
 */
function recordedHere(db: Database.Database, entity: Entity, id: string): boolean {
  return db.prepare('SELECT 1 FROM audit_log WHERE entity_id = ? AND entity = ? AND os_account IS NOT NULL LIMIT 1').get(id, entity) !== undefined;
}

/** Whether a record is one this workstation once stored itself: an older copy of its own work, not a rival version. */
function isEarlierVersionHere(db: Database.Database, entity: Entity, record: Lesion | Annotation): boolean {
  const versions = db.prepare("SELECT after FROM audit_log WHERE entity_id = ? AND entity = ? AND after IS NOT NULL").pluck().all(record.id, entity) as string[];
  return versions.some((after) => same(JSON.parse(after), record));
}

/**
 * Keeps a received record beside the one kept here (`keptId`: its own id unless another record holds
 * its place), unless its document's earlier version gave the same copy: a conflict is shown once.
 */
function keepConflict(db: Database.Database, entity: Entity, record: Lesion | Annotation, source: PublicationSource, keptId = record.id): number {
  const kept = db.prepare('SELECT record FROM received_conflicts WHERE entity = ? AND entity_id = ? AND document_key = ?').pluck().all(entity, keptId, source.documentKey) as string[];
  if (kept.some((k) => same(JSON.parse(k), record))) return 0;
  return db
    .prepare('INSERT OR IGNORE INTO received_conflicts (entity, entity_id, document_key, version, record, received_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(entity, keptId, source.documentKey, source.version, JSON.stringify(record), new Date().toISOString()).changes;
}

/**
 * A record now stored here as its document's (withdrawn by the document it came in, and still held
 * by this one): the copies this document gave before were kept as conflicts with the other
 * document's, and are no conflict with its own record.
 */
function settleConflicts(db: Database.Database, entity: Entity, id: string, source: PublicationSource): void {
  db.prepare('DELETE FROM received_conflicts WHERE entity = ? AND entity_id = ? AND document_key = ?').run(entity, id, source.documentKey);
}

/** The lesion here (another record) that already holds a received lesion's Tracking UID: one tracked finding, one lesion. */
function trackingHolder(db: Database.Database, entity: Entity, record: Lesion | Annotation): string | undefined {
  if (entity !== 'lesion') return undefined;
  return db.prepare('SELECT id FROM lesions WHERE tracking_uid = ? AND id <> ?').pluck().get((record as Lesion).trackingUid, record.id) as string | undefined;
}

/**
 * Brings the records of one received document to its version, in the caller's transaction: a record
 * new here is stored as received; one received in an earlier version of the same document is
 * replaced; one the version no longer holds is removed (withdrawn). A record kept here otherwise (this
 * workstation's own, or another document's) is never overwritten: a received copy that equals it, or
 * one of its earlier versions here, is old news; any other is a conflict, kept beside it and shown. A
 * new lesion whose Tracking UID another lesion here holds is a conflict kept beside that lesion, and a
 * record this workstation recorded and deleted is never stored again from elsewhere.
 * @returns the conflicts kept
 */
function applyRecords<E extends Entity>(db: Database.Database, entity: E, records: readonly RecordOf<E>[], source: PublicationSource, from: ReceivedFrom, refused: string[]): number {
  const storeOne = entity === 'lesion' ? writeReceivedLesion : writeReceivedAnnotation;
  // A drawing the store refuses (naming an image here wrongly) is left out, named, and never holds
  // back the rest of the document: what it held before (an earlier version of it) stays as it was.
  const write = (record: RecordOf<E>, before: RecordOf<E> | null): boolean => {
    try {
      (storeOne as (db: Database.Database, r: RecordOf<E>, b: RecordOf<E> | null, f: ReceivedFrom) => void)(db, record, before, from);
      return true;
    } catch (error) {
      if (entity !== 'annotation' || !(error instanceof AppError) || error.code !== 'invalid_request') throw error;
      refused.push(`Drawing ${record.id} was not stored: ${error.message}`);
      return false;
    }
  };
  const remove = entity === 'lesion' ? deleteReceivedLesion : deleteReceivedAnnotation;
  let conflicts = 0;
  const kept = new Set(records.map((r) => r.id));
  const table = entity === 'lesion' ? 'lesions' : 'annotations';
  for (const old of (db.prepare(`SELECT record FROM ${table} WHERE origin = ?`).pluck().all(source.documentKey) as string[]).map((r) => parse(entity, r))) {
    if (!kept.has(old.id)) (remove as (db: Database.Database, r: RecordOf<E>, f: ReceivedFrom) => void)(db, old, from);
  }
  for (const record of records) {
    const here = storedRow(db, entity, record.id);
    const holder = here ? undefined : trackingHolder(db, entity, record);
    if (holder) {
      conflicts += keepConflict(db, entity, record, source, holder);
      continue;
    }
    // This workstation's own record, deleted here: a copy from elsewhere never brings it back as another's.
    if (!here && recordedHere(db, entity, record.id)) {
      if (!isEarlierVersionHere(db, entity, record)) conflicts += keepConflict(db, entity, record, source);
      continue;
    }
    if (!here) {
      if (write(record, null)) settleConflicts(db, entity, record.id, source);
      continue;
    }
    const stored = parse(entity, here.record);
    if (same(stored, record)) continue;
    if (here.origin === source.documentKey) write(record, stored);
    else if (here.origin !== null || !isEarlierVersionHere(db, entity, record)) conflicts += keepConflict(db, entity, record, source);
  }
  return conflicts;
}

function recordDocument(db: Database.Database, source: PublicationSource): void {
  db.prepare(
    `INSERT INTO received_documents (document_key, workstation_id, workstation, study_uid, reader, reader_name, patient_name, patient_id, study_date, version, sop_instance_uid, header, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(document_key) DO UPDATE SET workstation = excluded.workstation, reader_name = excluded.reader_name, patient_name = excluded.patient_name,
       patient_id = excluded.patient_id, study_date = excluded.study_date, version = excluded.version, sop_instance_uid = excluded.sop_instance_uid,
       header = excluded.header, received_at = excluded.received_at`,
  ).run(source.documentKey, source.workstation.id, source.workstation.name, source.studyInstanceUid, source.reader.initials, source.reader.name,
    source.patient.name, source.patient.id, source.patient.studyDate, source.version, source.sopInstanceUid, JSON.stringify(source.header), new Date().toISOString());
}

/**
 * Stores one publication received from another workstation, in one transaction with `alsoSeen`
 * (the instance marked as seen): findings bring their reader's document to that version unless
 * a newer one is here already; a decision is stored on its lesion, or kept until the lesion arrives.
 */
export function applyTeamPublication(db: Database.Database, publication: TeamPublication, alsoSeen: () => void): ApplyOutcome {
  return writeTransaction(db, (): ApplyOutcome => {
    alsoSeen();
    const from = { documentKey: publication.documentKey, workstation: publication.workstation.name };
    if (publication.kind === 'review') {
      // Known by its origin: another decision holding the same id is another decision, kept beside it.
      const here = decisionHere(db, publication.documentKey);
      if (here) return { applied: false, why: here };
      recordDocument(db, publication);
      const review = decisionAsStored(db, publication.review, publication.documentKey);
      if (!db.prepare('SELECT 1 FROM lesions WHERE id = ?').get(review.lesionId)) {
        keepPendingDecision(db, review, publication.documentKey);
        return { applied: false, why: 'pending' };
      }
      writeReceivedReview(db, review, from);
      return { applied: true, conflicts: 0, decisions: 0 };
    }
    const applied = db.prepare('SELECT version FROM received_documents WHERE document_key = ?').pluck().get(publication.documentKey) as number | undefined;
    if (applied !== undefined && applied >= publication.version) return { applied: false, why: 'older' };
    recordDocument(db, publication);
    // Lesions first: a drawing's lesion must be here to be linked; withdrawn drawings go before their lesions.
    const refused: string[] = [];
    const conflicts = applyRecords(db, 'lesion', publication.lesions, publication, from, refused) + applyRecords(db, 'annotation', publication.annotations, publication, from, refused);
    return { applied: true, conflicts, decisions: applyPendingDecisions(db), ...(refused.length > 0 ? { refused } : {}) };
  });
}
