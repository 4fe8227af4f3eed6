import type Database from 'better-sqlite3';

// Called by the lesion, annotation and review stores inside the transaction of each change: a
// publication is queued with the change, or neither is stored. Nothing is sent here (a network call
// never runs inside a transaction); the sender fixes the content at its first attempt, so changes
// made before then join the publication already waiting. Plain SQL only: the stores import this.

function pacsConfigured(db: Database.Database): boolean {
  return db.prepare('SELECT 1 FROM pacs_server WHERE id = 1').get() !== undefined;
}

function enqueue(db: Database.Database, kind: 'findings' | 'review', studyUid: string, reader: string, recordId: string): void {
  if (!pacsConfigured(db)) return;
  // The partial unique index keeps one open publication per document: a second change joins it.
  db.prepare('INSERT OR IGNORE INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at) VALUES (?, ?, ?, ?, ?)').run(kind, studyUid, reader, recordId, new Date().toISOString());
}

/**
 * A reader's findings on a study changed: a lesion saved or deleted that is, or was, final. Its
 * drafts are not published; a final lesion made a draft again or deleted is withdrawn by the next version.
 * @param wasOrIsFinal - whether the lesion changed was final before the change or is final after it
 */
export function noteLesionChange(db: Database.Database, studyUid: string, reader: string, wasOrIsFinal: boolean): void {
  if (wasOrIsFinal) enqueue(db, 'findings', studyUid, reader, '');
}

/**
 * A drawing changed (saved, relinked or deleted): the findings of its reader on its study are
 * published again when it belongs, or belonged, to a final lesion recorded here.
 * @param lesionIds - the lesions it was linked to before the change and after it
 */
export function noteDrawingChange(db: Database.Database, studyUid: string, reader: string, lesionIds: readonly (string | null)[]): void {
  const ids = lesionIds.filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  const final = db.prepare(`SELECT 1 FROM lesions WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'final' AND origin IS NULL`).get(...ids);
  if (final) enqueue(db, 'findings', studyUid, reader, '');
}

/** A specialist recorded a decision: it is published as a document of its own. */
export function noteReviewSaved(db: Database.Database, studyUid: string, reviewer: string, reviewId: string): void {
  enqueue(db, 'review', studyUid, reviewer, reviewId);
}

/**
 * Queues what this workstation recorded before a PACS was configured and never published: the
 * findings of each reader on each study with a final lesion, and each decision. Run when the PACS
 * is set, so that the team sees the work done before.
 */
export function enqueueUnpublished(db: Database.Database): void {
  if (!pacsConfigured(db)) return;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT OR IGNORE INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at)
     SELECT DISTINCT 'findings', l.study_uid, l.reader, '', ? FROM lesions l
     WHERE l.status = 'final' AND l.origin IS NULL
       AND NOT EXISTS (SELECT 1 FROM pacs_documents d WHERE d.kind = 'findings' AND d.study_uid = l.study_uid AND d.reader = l.reader)`,
  ).run(now);
  db.prepare(
    `INSERT OR IGNORE INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at)
     SELECT 'review', l.study_uid, r.reviewer, r.id, ? FROM reviews r JOIN lesions l ON l.id = r.lesion_id
     WHERE r.origin IS NULL AND NOT EXISTS (SELECT 1 FROM pacs_documents d WHERE d.kind = 'review' AND d.record_id = r.id)
     ORDER BY r.rowid`,
  ).run(now);
}

/**
 * Queues, for a PACS other than the one that stored them (the PACS was changed), the last version
 * of each document this workstation published: the same content under the same SOP Instance UID,
 * so that the new PACS holds the team's findings and decisions from here. A document whose last
 * version still waits goes there anyway. One published before its content was kept goes as a new
 * version of the same content. Run when the PACS is set; nothing is queued for the PACS that has it,
 * and a copy queued for another PACS leaves the outbox when the PACS that stored it is set back.
 */
export function enqueueForNewPacs(db: Database.Database, url: string): void {
  if (!pacsConfigured(db)) return;
  db.prepare(
    `DELETE FROM pacs_outbox WHERE purpose = 'new-pacs' AND snapshot IS NOT NULL
       AND sop_instance_uid IN (SELECT sop_instance_uid FROM pacs_documents WHERE sent_to = ?)`,
  ).run(url);
  const now = new Date().toISOString();
  db.prepare(
    `INSERT OR IGNORE INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at, version, sop_instance_uid, snapshot, numbering_checked, purpose)
     SELECT kind, study_uid, reader, record_id, ?, version, sop_instance_uid, snapshot, 1, 'new-pacs' FROM pacs_documents
     WHERE sent_to IS NOT NULL AND sent_to <> ? AND snapshot IS NOT NULL
     ORDER BY kind, study_uid, reader, record_id`,
  ).run(now, url);
  db.prepare(
    `INSERT OR IGNORE INTO pacs_outbox (kind, study_uid, reader, record_id, enqueued_at, purpose)
     SELECT kind, study_uid, reader, record_id, ?, 'new-pacs' FROM pacs_documents
     WHERE sent_to IS NOT NULL AND sent_to <> ? AND snapshot IS NULL
     ORDER BY kind, study_uid, reader, record_id`,
  ).run(now, url);
}
