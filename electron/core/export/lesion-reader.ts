import type { RecordOrigin } from '@shared/pacs/record-origin';

/**
 * Who recorded a lesion, as an export signs it: this workstation's reader by the name given here,
 * or another workstation's reader by the name their publication gave. Initials alone never tell
 * them apart: a reader elsewhere (a namesake, or anyone able to STOW to the PACS) may sign with
 * the initials of a reader here, and must not be given that reader's name.
 */
export interface LesionReader {
  /** One per reader: the initials for a reader here; the initials and the workstation's identifier for one elsewhere. */
  key: string;
  initials: string;
  /** The full name, or null when none is known. */
  name: string | null;
  /** The workstation the lesion was received from; null for a lesion recorded here. */
  workstation: { id: string; name: string } | null;
}

/**
 * The reader of a lesion signed `initials`: from its origin when it was received from another
 * workstation, else this workstation's reader of those initials.
 * @param localName - the name this workstation's reader of these initials gave, if any
 */
export function lesionReader(initials: string, origin: RecordOrigin | null | undefined, localName: string | undefined): LesionReader {
  if (origin) return { key: `${initials}\u0000${origin.workstationId}`, initials, name: origin.readerName, workstation: { id: origin.workstationId, name: origin.workstation } };
  return { key: initials, initials, name: localName ?? null, workstation: null };
}

/** "Name (initials)", or the initials alone when no name is known; a received lesion's reader adds the workstation. */
export function lesionReaderText(reader: LesionReader): string {
  const who = reader.name ? `${reader.name} (${reader.initials})` : reader.initials;
  return reader.workstation ? `${who} of workstation ${reader.workstation.name}` : who;
}
