import type Database from 'better-sqlite3';
import { COMPREHENSIVE_3D_SR_STORAGE } from '../export/dicom/uids';
import type { DicomWebTarget } from './dicomweb/dicomweb-target';
import { FindingsSnapshotSchema, findingsSopInstanceUid, type FindingsSnapshot, type PublicationSnapshot, type WithdrawnLesion } from './publication-snapshot';
import { readTeamPublication } from './read-team-publication';
import { retrieveTeamInstance, searchSeriesInstances, type TeamInstance } from './team-publications-on-pacs';

// A database restored from a backup (or copied from another data folder) numbers its documents'
// versions from where the backup stood, below what this workstation already published: a version
// number sent twice, with other content, is dropped by a PACS that keeps the first copy and by every
// workstation that holds the higher one. So before a findings version is first sent, the PACS is
// asked which versions of that document it holds (its own series, this workstation's instances:
// its publications come back in the team's searches), and the version goes above the highest.

/** The newest version of one of this workstation's findings documents that a PACS holds, and the lesions it holds. */
export interface VersionOnPacs {
  version: number;
  sopInstanceUid: string;
  /** Its lesions, read only when it is at or above the version about to be sent (empty when it could not be read). */
  lesions: WithdrawnLesion[];
}

/** The lesions a version on the PACS holds; none when it cannot be read as a publication (the version number is what matters). */
async function lesionsOf(target: DicomWebTarget, instance: TeamInstance): Promise<WithdrawnLesion[]> {
  const bytes = await retrieveTeamInstance(target, instance);
  try {
    const publication = readTeamPublication(bytes, `SR ${instance.sopInstanceUid}`);
    return publication.kind === 'findings' ? publication.lesions.map((l) => ({ id: l.id, trackingUid: l.trackingUid })) : [];
  } catch {
    return [];
  }
}

/**
 * The newest version of a findings document the PACS holds, published by this workstation (its
 * Device Serial Number), or null when it holds none; one QIDO-RS search of the reader's series.
 * When it is not below the version about to be sent (a restored database), it is also retrieved,
 * for the lesions the team holds from it.
 */
export async function newestVersionOnPacs(target: DicomWebTarget, snapshot: FindingsSnapshot): Promise<VersionOnPacs | null> {
  const instances = await searchSeriesInstances(target, snapshot);
  let newest: TeamInstance | null = null;
  for (const instance of instances) {
    if (instance.sopClassUid !== COMPREHENSIVE_3D_SR_STORAGE || instance.workstationId !== snapshot.workstation.id || instance.instanceNumber === null) continue;
    if (instance.sopInstanceUid === snapshot.sopInstanceUid) return null; // this very version is there: it was sent before
    if (!newest || instance.instanceNumber > newest.instanceNumber!) newest = instance;
  }
  if (!newest) return null;
  const version = newest.instanceNumber!;
  return { version, sopInstanceUid: newest.sopInstanceUid, lesions: version >= snapshot.version ? await lesionsOf(target, newest) : [] };
}

/**
 * Numbers a findings publication not sent yet above the newest version the PACS holds, in one
 * transaction: the same lesions and drawings, chained to that version and withdrawing what it held
 * besides, under a SOP Instance UID of its own; its document's last version here follows. The publication is then checked, and never
 * renumbered again (from then on it may reach the PACS). A publication another process checked
 * first is left as that process fixed it.
 * @returns what to send
 */
export function numberAbovePacs(db: Database.Database, id: number, onPacs: VersionOnPacs | null): PublicationSnapshot | null {
  return db.transaction(() => {
    const row = db.prepare('SELECT snapshot, numbering_checked FROM pacs_outbox WHERE id = ?').get(id) as { snapshot: string | null; numbering_checked: number } | undefined;
    if (!row?.snapshot) return null;
    const fixed = FindingsSnapshotSchema.parse(JSON.parse(row.snapshot));
    if (row.numbering_checked === 1 || !onPacs || onPacs.version < fixed.version) {
      db.prepare('UPDATE pacs_outbox SET numbering_checked = 1 WHERE id = ?').run(id);
      return fixed;
    }
    const version = onPacs.version + 1;
    // It also withdraws what the version it replaces held and it does not (recorded after the backup, say).
    const kept = new Set([...fixed.lesions, ...fixed.withdrawn].map((l) => l.id));
    const withdrawn = [...fixed.withdrawn, ...onPacs.lesions.filter((l) => !kept.has(l.id))];
    const numbered: FindingsSnapshot = { ...fixed, version, instanceNumber: version, predecessor: onPacs.sopInstanceUid, withdrawn, sopInstanceUid: '' };
    numbered.sopInstanceUid = findingsSopInstanceUid(numbered);
    const json = JSON.stringify(numbered);
    db.prepare('UPDATE pacs_outbox SET version = ?, sop_instance_uid = ?, snapshot = ?, numbering_checked = 1 WHERE id = ?').run(version, numbered.sopInstanceUid, json, id);
    db.prepare('UPDATE pacs_documents SET version = ?, instance_number = ?, sop_instance_uid = ?, snapshot = ? WHERE sop_instance_uid = ?').run(
      version, version, numbered.sopInstanceUid, json, fixed.sopInstanceUid,
    );
    console.info(`Team sync: findings of ${fixed.reader.initials} on study ${fixed.studyInstanceUid} go out as version ${version}, not ${fixed.version}: the PACS already holds version ${onPacs.version} from this workstation (a restored database?).`);
    return numbered;
  })();
}
