import type Database from 'better-sqlite3';
import type { Annotation } from '@shared/annotation/annotation';
import type { Lesion } from '@shared/lesion/lesion';
import { COMPREHENSIVE_3D_SR_STORAGE } from '../export/dicom/uids';
import type { DicomWebTarget } from './dicomweb/dicomweb-target';
import { FindingsSnapshotSchema, findingsContent, findingsSopInstanceUid, type FindingsSnapshot, type PublicationSnapshot, type WithdrawnLesion } from './publication-snapshot';
import { readTeamPublication } from './read-team-publication';
import { takeBackOwnRecords, type TakenBack } from './take-back-own-records';
import { contentHash, isTeamVersion, MAX_TEAM_VERSION } from './team-identity';
import { AppError } from '@shared/errors';
import { retrieveTeamInstance, searchSeriesInstances, type TeamInstance } from './team-publications-on-pacs';
import { writeTransactionUnlessSettled } from '../db/write-transaction';

// A database restored from a backup (or copied from another data folder) numbers its documents'
// versions from where the backup stood, below what this workstation already published: a version
// number sent twice, with other content, is dropped by a PACS that keeps the first copy and by every
// workstation that holds the higher one. So before a findings version is first sent, the PACS is
// asked which versions of that document it holds (its own series, this workstation's instances:
// its publications come back in the team's searches), and the version goes above the highest. What
// that version holds and the restored database lacks (recorded after the backup) is taken back first.

/** The newest version of one of this workstation's findings documents that a PACS holds, and what it holds. */
export interface VersionOnPacs {
  version: number;
  sopInstanceUid: string;
  /** Its lesions and drawings, read only when it is at or above the version about to be sent (none when it could not be read). */
  held: { lesions: Lesion[]; annotations: Annotation[] };
}

/** What numbering a publication gave: the content to send, and the records taken back from the PACS first (null when none were looked at). */
export interface NumberedPublication {
  snapshot: PublicationSnapshot | null;
  takenBack: TakenBack | null;
}

const NOTHING_HELD: VersionOnPacs['held'] = { lesions: [], annotations: [] };

/**
 * What a version on the PACS holds, when it reads as this very document (the same workstation, study
 * and reader); nothing otherwise: the version number is what matters, and what the PACS holds is not trusted further.
 */
async function heldBy(target: DicomWebTarget, instance: TeamInstance, snapshot: FindingsSnapshot): Promise<VersionOnPacs['held']> {
  const bytes = await retrieveTeamInstance(target, instance);
  try {
    const publication = readTeamPublication(bytes, `SR ${instance.sopInstanceUid}`);
    const same = publication.kind === 'findings' && publication.workstation.id === snapshot.workstation.id
      && publication.reader.initials === snapshot.reader.initials && publication.studyInstanceUid === snapshot.studyInstanceUid;
    return same && publication.kind === 'findings' ? { lesions: publication.lesions, annotations: publication.annotations } : NOTHING_HELD;
  } catch {
    return NOTHING_HELD;
  }
}

/**
 * The newest version of a findings document the PACS holds, published by this workstation (its
 * Device Serial Number), or null when it holds none; one QIDO-RS search of the reader's series.
 * When it is not below the version about to be sent (a restored database), it is also retrieved,
 * for the lesions and drawings it holds.
 */
export async function newestVersionOnPacs(target: DicomWebTarget, snapshot: FindingsSnapshot): Promise<VersionOnPacs | null> {
  const instances = await searchSeriesInstances(target, snapshot);
  let newest: TeamInstance | null = null;
  for (const instance of instances) {
    // An Instance Number no version can have is no version of this document, whoever sent it: going
    // above it would number past what an Instance Number holds, or (past 2^53) repeat a number.
    if (instance.sopClassUid !== COMPREHENSIVE_3D_SR_STORAGE || instance.workstationId !== snapshot.workstation.id || !isTeamVersion(instance.instanceNumber)) continue;
    if (instance.sopInstanceUid === snapshot.sopInstanceUid) return null; // this very version is there: it was sent before
    if (!newest || instance.instanceNumber > newest.instanceNumber!) newest = instance;
  }
  if (!newest) return null;
  const version = newest.instanceNumber!;
  return { version, sopInstanceUid: newest.sopInstanceUid, held: version >= snapshot.version ? await heldBy(target, newest, snapshot) : NOTHING_HELD };
}

/** A findings publication's row in the outbox: its content once fixed, and whether its numbering was checked. */
const outboxRow = (db: Database.Database, id: number) =>
  db.prepare('SELECT snapshot, numbering_checked FROM pacs_outbox WHERE id = ?').get(id) as { snapshot: string | null; numbering_checked: number } | undefined;

/** What numbering gives a publication that needs no numbering (gone from the outbox, or checked already); undefined when it does. */
function numberedAlready(db: Database.Database, id: number): NumberedPublication | undefined {
  const row = outboxRow(db, id);
  if (!row?.snapshot) return { snapshot: null, takenBack: null };
  return row.numbering_checked === 1 ? { snapshot: FindingsSnapshotSchema.parse(JSON.parse(row.snapshot)), takenBack: null } : undefined;
}

const refOf = (l: { id: string; trackingUid: string }): WithdrawnLesion => ({ id: l.id, trackingUid: l.trackingUid });

/**
 * Numbers a findings publication not sent yet above the newest version the PACS holds, in one
 * transaction. First the reader's own records that version holds and this database lacks, or holds
 * older, are taken back (as `lesions import-sr` restores them: never over what was saved or deleted
 * here since); the publication then holds the reader's findings as they stand after that, chained
 * to the PACS's version and withdrawing only what that version held and the reader no longer does
 * (deleted, or made a draft, here), under a SOP Instance UID of its own; its document's last version
 * here follows. The publication is then checked, and never renumbered again (from then on it may
 * reach the PACS). A publication another process checked first is left as that process fixed it.
 */
export function numberAbovePacs(db: Database.Database, id: number, onPacs: VersionOnPacs | null): NumberedPublication {
  // A publication gone, or numbered by another process meanwhile, is answered without the write lock.
  return writeTransactionUnlessSettled(db, () => numberedAlready(db, id), (): NumberedPublication => {
    const fixed = FindingsSnapshotSchema.parse(JSON.parse(outboxRow(db, id)!.snapshot!));
    if (!onPacs || onPacs.version < fixed.version) {
      db.prepare('UPDATE pacs_outbox SET numbering_checked = 1 WHERE id = ?').run(id);
      return { snapshot: fixed, takenBack: null };
    }
    const document = { study_uid: fixed.studyInstanceUid, reader: fixed.reader.initials };
    const takenBack = takeBackOwnRecords(db, onPacs.held, document.reader);
    const changed = takenBack.lesions + takenBack.annotations > 0;
    const content = changed ? findingsContent(db, document) : { lesions: fixed.lesions, annotations: fixed.annotations };
    if (changed) {
      // The publication now holds every change stored here: one queued meanwhile (the take-back's own included) says nothing more.
      db.prepare("DELETE FROM pacs_outbox WHERE kind = 'findings' AND study_uid = ? AND reader = ? AND snapshot IS NULL AND purpose = 'change'").run(document.study_uid, document.reader);
    }
    if (onPacs.version >= MAX_TEAM_VERSION) {
      throw new AppError('conflict', `The PACS holds version ${onPacs.version} of ${document.reader}'s findings on study ${document.study_uid} from this workstation, the highest an Instance Number can carry: no version can go above it. It was not written here: ask the PACS's administrator to delete that instance (SOP Instance UID ${onPacs.sopInstanceUid}), then Sync now.`);
    }
    const version = onPacs.version + 1;
    const kept = new Set(content.lesions.map((l) => l.id));
    const withdrawn = [...new Map([...fixed.withdrawn, ...onPacs.held.lesions.map(refOf)].map((l) => [l.id, l])).values()].filter((l) => !kept.has(l.id));
    const numbered: FindingsSnapshot = { ...fixed, ...content, version, instanceNumber: version, predecessor: onPacs.sopInstanceUid, withdrawn, sopInstanceUid: '' };
    numbered.sopInstanceUid = findingsSopInstanceUid(numbered);
    const json = JSON.stringify(numbered);
    db.prepare('UPDATE pacs_outbox SET version = ?, sop_instance_uid = ?, snapshot = ?, numbering_checked = 1 WHERE id = ?').run(version, numbered.sopInstanceUid, json, id);
    db.prepare('UPDATE pacs_documents SET version = ?, instance_number = ?, sop_instance_uid = ?, snapshot = ?, content_hash = ?, lesions = ? WHERE sop_instance_uid = ?').run(
      version, version, numbered.sopInstanceUid, json, contentHash(content), JSON.stringify(content.lesions.map(refOf)), fixed.sopInstanceUid,
    );
    console.info(`Team sync: findings of ${document.reader} on study ${document.study_uid} go out as version ${version}, not ${fixed.version}: the PACS already holds version ${onPacs.version} from this workstation (a restored database?).`);
    if (changed) console.info(`Team sync: ${takenBack.lesions} lesion(s) and ${takenBack.annotations} drawing(s) of ${document.reader} taken back from version ${onPacs.version} on the PACS.`);
    for (const line of takenBack.left) console.info(`Team sync: not taken back from the PACS: ${line}.`);
    return { snapshot: numbered, takenBack };
  });
}
