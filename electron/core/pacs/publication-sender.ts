import type Database from 'better-sqlite3';
import { problemHeadline, type PublicationProblem, type SyncError } from '@shared/pacs/team-sync';
import { encodeDataset } from '../export/dicom/export-file';
import type { DicomWebTarget } from './dicomweb/dicomweb-target';
import { stowRs } from './dicomweb/stow-rs';
import { pacsTarget } from '../settings/pacs-settings-store';
import { decisionDocument } from './decision-document';
import { findingsDocument } from './findings-document';
import {
  beginAttempt, documentKeyOf, problemOf, publicationFailed, publicationHeldBack, publicationSent, supersedeEarlier, waitingPublications, waitsForSyncNowOrBackoff, type OutboxRow,
} from './publication-outbox';
import { certainlyNotStored, classifySendFailure, PublicationError, stopsEveryPublication } from './publication-problem';
import type { PublicationSnapshot } from './publication-snapshot';
import { publicationStudyContext } from './team-study-context';
import { newestVersionOnPacs, numberAbovePacs } from './version-numbering';

/** What one pass over the outbox did. */
export interface SendOutcome {
  published: number;
  errors: SyncError[];
  /** What stopped the pass and holds back every publication (the PACS unreachable...), or null. */
  stoppedBy: PublicationProblem | null;
  /** Publications a later version of their document took the place of, each in a line (also logged). */
  superseded: string[];
  /** Records of this workstation's own taken back from the PACS before a version went above it (a restored database). */
  takenBack: number;
}

/** Options of a pass: `force` tries every publication now, whatever its backoff (Sync now). */
export interface SendOptions {
  appVersion: string;
  force?: boolean;
  now?: () => Date;
}

/** A publication named for a message: "findings of AB on 1.2.3 (version 4)", "decision <id> of CD on 1.2.3". */
export function publicationLabel(row: Pick<OutboxRow, 'kind' | 'reader' | 'study_uid' | 'record_id' | 'version'>): string {
  const what = row.kind === 'findings' ? `findings of ${row.reader}` : `decision ${row.record_id} of ${row.reader}`;
  return `${what} on study ${row.study_uid}${row.version ? ` (version ${row.version})` : ''}`;
}

/** The Part 10 bytes of a publication, built from its fixed content and the study as this workstation has it. */
function publicationBytes(db: Database.Database, snapshot: PublicationSnapshot, appVersion: string): Buffer {
  const study = publicationStudyContext(db, snapshot.studyInstanceUid, snapshot.kind === 'findings' ? snapshot.lesions : [], snapshot.kind === 'review' ? snapshot.lesion.id : null);
  return encodeDataset(snapshot.kind === 'findings' ? findingsDocument(snapshot, study, appVersion) : decisionDocument(snapshot, study, appVersion));
}

/** Sends one publication by STOW-RS; throws a PublicationError (or the DICOMweb layer's) when it is not stored. */
async function sendOne(target: DicomWebTarget, snapshot: PublicationSnapshot, bytes: Buffer): Promise<void> {
  const result = await stowRs(target, [{ path: `publication ${snapshot.sopInstanceUid}`, bytes, studyInstanceUid: snapshot.studyInstanceUid, sopInstanceUid: snapshot.sopInstanceUid }]);
  const failed = result.failed.find((f) => f.sopInstanceUid === snapshot.sopInstanceUid) ?? (result.stored.length === 0 ? result.failed[0] : undefined);
  // The PACS answered, and named this instance as failed: it refuses what the publication holds.
  if (failed) throw new PublicationError('rejected', `The PACS refused the publication (HTTP ${result.status}): ${failed.failureReason ?? 'no reason given'}.`, result.status);
}

/**
 * One pass over the outbox, oldest first. Publications of one document go in order: when one
 * fails, the later ones of its document wait behind it, unless the PACS certainly does not hold it
 * (rejected for its content): then the next version takes its place, each version being complete.
 * A rejected publication nothing supersedes waits for Sync now (`force`), not the timer; when the PACS cannot be reached (or
 * refuses everyone), the pass stops and everything waits, the first publication saying why. A
 * publication is sent under the SOP Instance UID fixed with its content, so sending it again
 * after a crash or a lost answer stores nothing twice.
 */
export async function sendWaitingPublications(db: Database.Database, options: SendOptions): Promise<SendOutcome> {
  const now = options.now ?? (() => new Date());
  const outcome: SendOutcome = { published: 0, errors: [], stoppedBy: null, superseded: [], takenBack: 0 };
  const rows = waitingPublications(db);
  if (rows.length === 0) return outcome;
  const target = pacsTarget(db);
  if (!target) {
    const problem = { kind: 'no-pacs' as const, httpStatus: null, message: 'No PACS is configured: publications wait until one is set in PACS settings.' };
    publicationHeldBack(db, rows[0]!.id, problem);
    return { published: 0, errors: [{ record: publicationLabel(rows[0]!), message: problem.message }], stoppedBy: problem, superseded: [], takenBack: 0 };
  }
  const heldBack = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const document = documentKeyOf(row);
    if (heldBack.has(document)) continue;
    if (row.snapshot !== null && certainlyNotStored(problemOf(row))) {
      const next = rows.slice(index + 1).find((r) => documentKeyOf(r) === document);
      const superseded = next ? supersedeEarlier(db, row.id, next.id, now()) : null;
      if (superseded) {
        const line = `${publicationLabel(row)}, not stored (${problemHeadline(problemOf(row)!).split(':')[0]}), is superseded by version ${superseded.later.version}, which holds the whole findings: it leaves the outbox.`;
        outcome.superseded.push(line);
        console.info(`Team sync: ${line}`);
        continue;
      }
    }
    if (!options.force && waitsForSyncNowOrBackoff(row, now())) {
      heldBack.add(document);
      continue;
    }
    let snapshot: PublicationSnapshot | null = null;
    try {
      snapshot = beginAttempt(db, row.id, now());
      // Before a findings version first leaves, it goes above any version of its document the PACS holds from here.
      // What that version holds and this database lacks (a restored one) is taken back first.
      if (snapshot?.kind === 'findings' && row.numbering_checked === 0) {
        const numbered = numberAbovePacs(db, row.id, await newestVersionOnPacs(target, snapshot));
        snapshot = numbered.snapshot;
        outcome.takenBack += (numbered.takenBack?.lesions ?? 0) + (numbered.takenBack?.annotations ?? 0);
      }
      if (!snapshot) continue;
      await sendOne(target, snapshot, publicationBytes(db, snapshot, options.appVersion));
      publicationSent(db, row.id, snapshot, target.url, now());
      outcome.published++;
    } catch (error) {
      const problem = classifySendFailure(error);
      publicationFailed(db, row.id, problem, now());
      outcome.errors.push({ record: publicationLabel({ ...row, version: snapshot?.version ?? row.version }), message: problem.message });
      if (stopsEveryPublication(problem)) {
        outcome.stoppedBy = problem;
        break;
      }
      heldBack.add(document);
    }
  }
  return outcome;
}
