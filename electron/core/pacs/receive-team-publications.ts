import type Database from 'better-sqlite3';
import { displayableText } from '@shared/dicom/displayable-text';
import type { SyncError } from '@shared/pacs/team-sync';
import type { Review } from '@shared/worklist/review';
import type { DicomWebTarget } from './dicomweb/dicomweb-target';
import { COMPREHENSIVE_3D_SR_STORAGE } from '../export/dicom/uids';
import { applyTeamPublication, type ApplyOutcome } from './apply-team-publication';
import { readTeamPublication, type TeamPublication } from './read-team-publication';
import { takeBackOwnDecision } from './take-back-own-decision';
import { pacsChangeMark, retrieveTeamInstance, searchSeriesInstances, searchTeamSeries, type TeamInstance, type TeamSeries } from './team-publications-on-pacs';
import { writeTransaction } from '../db/write-transaction';

/** What one receiving pass did. */
export interface ReceiveOutcome {
  /** Publications of other workstations stored here (a version of findings, or a decision). */
  received: number;
  conflicts: number;
  errors: SyncError[];
  /** Decisions of this workstation's own taken back (its database, restored from an older backup, lacked them). */
  takenBack: number;
}

function markSeen(db: Database.Database, instance: TeamInstance, outcome: string): void {
  db.prepare('INSERT OR IGNORE INTO pacs_seen (sop_instance_uid, series_uid, seen_at, outcome) VALUES (?, ?, ?, ?)').run(instance.sopInstanceUid, instance.seriesInstanceUid, new Date().toISOString(), outcome);
}

/** How many instances each team series held on the PACS at `url` when this workstation last looked at it there. */
function lookedCounts(db: Database.Database, url: string): Map<string, number> {
  return new Map(db.prepare('SELECT series_uid, instances FROM pacs_series_looked WHERE url = ?').raw().all(url) as [string, number][]);
}

/** Records the instance counts of series looked at in full on the PACS at `url` (a count the PACS did not give is not kept). */
function recordLooked(db: Database.Database, url: string, counts: Map<string, number>): void {
  const upsert = db.prepare('INSERT INTO pacs_series_looked (url, series_uid, instances) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET instances = excluded.instances');
  writeTransaction(db, () => {
    for (const [series, instances] of counts) if (Number.isFinite(instances)) upsert.run(url, series, instances);
  });
}

const MARK_KEY = 'pacs_change_mark';

/** The PACS's change-log mark at the end of the last complete pass, for the PACS at this URL. */
function storedMark(db: Database.Database, url: string): number | null {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(MARK_KEY) as string | undefined;
  const mark = value === undefined ? null : (JSON.parse(value) as { url: string; last: number });
  return mark?.url === url ? mark.last : null;
}

function storeMark(db: Database.Database, url: string, last: number): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(MARK_KEY, JSON.stringify({ url, last }));
}

/** Whether an error is the network's (try again next time) rather than the document's (never readable). */
const isTransient = (error: unknown) => (error as { code?: string }).code === 'io_error' || /\bHTTP 5\d\d\b/.test((error as Error).message ?? '');

/** Whether storing failed on the database itself (busy, full, unreadable: try again next time) rather than on what the document holds. */
const isStoreUnavailable = (error: unknown) => /^SQLITE_(BUSY|LOCKED|IOERR|FULL|NOMEM|READONLY|CANTOPEN|CORRUPT|NOTADB|INTERRUPT)/.test((error as { code?: string }).code ?? '');

/** Text from the PACS as a report may print it: a terminal obeys control characters, so none; and not a megabyte. */
const printable = (text: string, max: number) => displayableText(text).slice(0, max);

/** A failure to receive one instance, naming it by its SOP Instance UID and its series' description (what a sender wrote there). */
function syncError(instance: TeamInstance, series: TeamSeries, message: string): SyncError {
  return { record: `SR ${printable(instance.sopInstanceUid, 64)} (${printable(series.description, 64)})`, message: printable(message, 1000) };
}

/**
 * Stores a publication of another workstation with its instance marked seen; false when what it holds
 * cannot be stored here (its transaction undone). It would fail the same way at every pass, and stop
 * the pass before the publications after it, so it is reported once and left aside.
 */
function storeReceived(db: Database.Database, publication: TeamPublication, instance: TeamInstance, series: TeamSeries, outcome: ReceiveOutcome): boolean {
  let applied: ApplyOutcome;
  try {
    applied = applyTeamPublication(db, publication, () => markSeen(db, instance, 'received'));
  } catch (error) {
    if (isStoreUnavailable(error)) throw error;
    const message = `It could not be stored here (${(error as Error).message}): it was left aside.`;
    outcome.errors.push(syncError(instance, series, message));
    markSeen(db, instance, `left aside: ${message}`.slice(0, 500));
    return false;
  }
  if (applied.applied) {
    outcome.received += 1 + applied.decisions;
    outcome.conflicts += applied.conflicts;
    // Stored without them: the rest of the document is here, and each refused drawing is reported.
    for (const why of applied.refused ?? []) outcome.errors.push(syncError(instance, series, why));
  }
  return true;
}

/** A decision this workstation published and found on the PACS unseen (after a restore): taken back at the end of the pass. */
interface OwnDecision {
  review: Review;
  instance: TeamInstance;
}

/**
 * Takes back the decisions of this workstation's found in a pass, once every series of it was read:
 * the lesion a decision is on may come in a series listed after the decision's. Counts those taken
 * back, and logs those left out (with why).
 */
function takeBackOwnDecisions(db: Database.Database, url: string, ownDecisions: readonly OwnDecision[], outcome: ReceiveOutcome): void {
  for (const { review, instance } of ownDecisions) {
    const result = takeBackOwnDecision(db, review, instance, url);
    if (result === 'taken') outcome.takenBack++;
    else if (result !== 'here already') console.info(`Team sync: decision ${review.id}, published by this workstation, not taken back from the PACS: ${result}.`);
  }
}

/**
 * Reads and stores the new instances of one series, newest first. Of one workstation's findings
 * only the newest version is fetched: the older ones it supersedes are only marked seen. Each is
 * stored with the instance marked seen in one transaction. Returns false when the network failed
 * (the pass stops; what is not marked seen is fetched next time).
 */
async function receiveSeries(
  db: Database.Database, target: DicomWebTarget, series: TeamSeries, ownWorkstationId: string, outcome: ReceiveOutcome, ownDecisions: OwnDecision[],
): Promise<boolean> {
  const seen = new Set(db.prepare('SELECT sop_instance_uid FROM pacs_seen WHERE series_uid = ?').pluck().all(series.seriesInstanceUid) as string[]);
  const fresh = (await searchSeriesInstances(target, series)).filter((instance) => !seen.has(instance.sopInstanceUid));
  fresh.sort((a, b) => (b.instanceNumber ?? 0) - (a.instanceNumber ?? 0));
  const settled = new Set<string>();
  for (const instance of fresh) {
    const findings = instance.sopClassUid === COMPREHENSIVE_3D_SR_STORAGE && instance.workstationId !== '';
    if (findings && settled.has(instance.workstationId)) {
      markSeen(db, instance, 'superseded');
      continue;
    }
    let publication: TeamPublication;
    try {
      publication = readTeamPublication(await retrieveTeamInstance(target, instance), `SR ${instance.sopInstanceUid}`);
    } catch (error) {
      outcome.errors.push(syncError(instance, series, (error as Error).message));
      if (isTransient(error)) return false;
      markSeen(db, instance, `left aside: ${(error as Error).message}`.slice(0, 500));
      continue;
    }
    // What QIDO-RS listed is only what the instance says of itself: the older versions are skipped
    // only once the document read is that workstation's, as the version its Instance Number says.
    const listedAs = findings && publication.workstation.id === instance.workstationId && publication.version === instance.instanceNumber;
    if (publication.workstation.id === ownWorkstationId) {
      // One of its own this workstation never saw: published after the backup its database was restored from.
      if (publication.kind === 'review') ownDecisions.push({ review: publication.review, instance });
      markSeen(db, instance, 'published here');
    }
    else if (!storeReceived(db, publication, instance, series, outcome)) continue;
    if (listedAs) settled.add(instance.workstationId);
  }
  return true;
}

/**
 * Fetches what the team published since this workstation last looked. When the PACS keeps a change
 * log (Orthanc) and it has not moved since the last complete pass, nothing is searched. Otherwise one
 * QIDO-RS search lists the team's series with their instance counts, only series whose count on this
 * PACS changed since this workstation last looked at them there are listed, and only those instances are retrieved (WADO-RS). This workstation's
 * own publications are marked seen (a decision of its own it lacks, after a restore, is taken back); the newest version of each document wins whatever order
 * the versions come in; an instance that cannot be read is reported once and left aside.
 */
export async function receiveTeamPublications(db: Database.Database, target: DicomWebTarget, ownWorkstationId: string): Promise<ReceiveOutcome> {
  const outcome: ReceiveOutcome = { received: 0, conflicts: 0, errors: [], takenBack: 0 };
  // Read before searching: whatever the PACS stores during the pass moves it past this mark.
  const mark = await pacsChangeMark(target);
  if (mark !== null && mark === storedMark(db, target.url)) return outcome;
  const looked = lookedCounts(db, target.url);
  const listed = await searchTeamSeries(target);
  // Seen instances are counted by Series Instance UID, which a sender may reuse in another study (the
  // PACS then keeps two series): a series is compared with every instance the PACS lists under its UID.
  const onPacs = new Map<string, number>();
  for (const series of listed) onPacs.set(series.seriesInstanceUid, (onPacs.get(series.seriesInstanceUid) ?? 0) + series.instances);
  // Compared with what this PACS held when last looked at: the instances seen on another PACS say nothing of this one's.
  const changed = listed.filter((series) => onPacs.get(series.seriesInstanceUid)! !== looked.get(series.seriesInstanceUid));
  const ownDecisions: OwnDecision[] = [];
  try {
    for (const series of changed) {
      if (!(await receiveSeries(db, target, series, ownWorkstationId, outcome, ownDecisions))) return outcome;
    }
  } finally {
    takeBackOwnDecisions(db, target.url, ownDecisions, outcome);
  }
  recordLooked(db, target.url, new Map(changed.map((series) => [series.seriesInstanceUid, onPacs.get(series.seriesInstanceUid)!])));
  // A complete pass (instances left aside are seen too): until the PACS stores more, nothing is new.
  if (mark !== null) storeMark(db, target.url, mark);
  return outcome;
}
