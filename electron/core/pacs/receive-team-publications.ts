import type Database from 'better-sqlite3';
import type { SyncError } from '@shared/pacs/team-sync';
import type { DicomWebTarget } from '../export/dicomweb/dicomweb-target';
import { applyTeamPublication } from './apply-team-publication';
import { readTeamPublication, type TeamPublication } from './read-team-publication';
import { retrieveTeamInstance, searchSeriesInstances, searchTeamSeries, type TeamInstance } from './team-publications-on-pacs';

/** What one receiving pass did. */
export interface ReceiveOutcome {
  /** Publications of other workstations stored here (a version of findings, or a decision). */
  received: number;
  conflicts: number;
  errors: SyncError[];
}

function markSeen(db: Database.Database, instance: TeamInstance, outcome: string): void {
  db.prepare('INSERT OR IGNORE INTO pacs_seen (sop_instance_uid, series_uid, seen_at, outcome) VALUES (?, ?, ?, ?)').run(instance.sopInstanceUid, instance.seriesInstanceUid, new Date().toISOString(), outcome);
}

/** How many instances of each team series this workstation has already looked at. */
function seenCounts(db: Database.Database): Map<string, number> {
  return new Map(db.prepare('SELECT series_uid, COUNT(*) FROM pacs_seen GROUP BY series_uid').raw().all() as [string, number][]);
}

/** Whether an error is the network's (try again next time) rather than the document's (never readable). */
const isTransient = (error: unknown) => (error as { code?: string }).code === 'io_error' || /\bHTTP 5\d\d\b/.test((error as Error).message ?? '');

/**
 * Fetches what the team published since this workstation last looked: one QIDO-RS search for the
 * team's series with their instance counts, a listing of only the series that hold instances not
 * seen here, and a WADO-RS retrieve of only those instances. Each is stored with the instance marked
 * seen, in one transaction, so a crash never loses or doubles one; this workstation's own
 * publications are only marked seen. The newest version of each document wins whatever order
 * they come in; an instance that cannot be read is reported once and left aside.
 */
export async function receiveTeamPublications(db: Database.Database, target: DicomWebTarget, ownWorkstationId: string): Promise<ReceiveOutcome> {
  const outcome: ReceiveOutcome = { received: 0, conflicts: 0, errors: [] };
  const counts = seenCounts(db);
  const changed = (await searchTeamSeries(target)).filter((series) => series.instances > (counts.get(series.seriesInstanceUid) ?? 0));
  for (const series of changed) {
    const seen = new Set(db.prepare('SELECT sop_instance_uid FROM pacs_seen WHERE series_uid = ?').pluck().all(series.seriesInstanceUid) as string[]);
    const fresh = (await searchSeriesInstances(target, series)).filter((instance) => !seen.has(instance.sopInstanceUid));
    // Newest first: a document's older versions that come with it are then only marked seen.
    fresh.sort((a, b) => (b.instanceNumber ?? 0) - (a.instanceNumber ?? 0));
    for (const instance of fresh) {
      let publication: TeamPublication;
      try {
        publication = readTeamPublication(await retrieveTeamInstance(target, instance), `SR ${instance.sopInstanceUid}`);
      } catch (error) {
        outcome.errors.push({ record: `SR ${instance.sopInstanceUid} (${series.description})`, message: (error as Error).message });
        if (isTransient(error)) return outcome;
        markSeen(db, instance, `left aside: ${(error as Error).message}`.slice(0, 500));
        continue;
      }
      if (publication.workstation.id === ownWorkstationId) {
        markSeen(db, instance, 'published here');
        continue;
      }
      const applied = applyTeamPublication(db, publication, () => markSeen(db, instance, 'received'));
      if (applied.applied) {
        outcome.received++;
        outcome.conflicts += applied.conflicts;
      }
    }
  }
  return outcome;
}
