import { createHash, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { fitUtf8Bytes } from '../export/dicom/fit-bytes';
import { workstationIdentity } from '../lesions/workstation-identity';

/** The workstation a publication comes from: an identifier made once per data folder, and its host name. */
export interface PublishingWorkstation {
  id: string;
  name: string;
}

const ID_KEY = 'pacs_workstation_id';

/**
 * This workstation as its publications name it. The identifier is made at the first publication
 * and kept in the database, so that two workstations of one host name (or two data folders on one
 * machine) are told apart, and a receiver knows its own publications when they come back.
 */
export function publishingWorkstation(db: Database.Database): PublishingWorkstation {
  db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(ID_KEY, randomUUID());
  const id = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ID_KEY) as string;
  return { id, name: workstationIdentity().workstation ?? 'unknown workstation' };
}

/**
 * A 2.25 UID made from its parts (PS3.5 B.2: the decimal form of 128 bits), the same parts always
 * giving the same UID: what makes a resend of one publication harmless.
 */
export function derivedUid(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString(10)}`;
}

/** The start of every SeriesDescription the team's publications carry: what a QIDO-RS search finds them by. */
export const TEAM_SERIES_PREFIX = 'BoneMet-team';

/**
 * The highest version a document of the team can have: its Instance Number (IS, a signed 32-bit
 * integer) carries it. A number above is no version a workstation wrote, whatever a sender claims.
 */
export const MAX_TEAM_VERSION = 2 ** 31 - 1;

/** Whether a number is a version a workstation of the team can have written: a whole number from 1 to MAX_TEAM_VERSION. */
export function isTeamVersion(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value >= 1 && value <= MAX_TEAM_VERSION;
}

/**
 * The series of one reader's publications on a study (their findings, or their decisions): the
 * same UID on every workstation, so that a PACS viewer shows one series per reader.
 */
export function teamSeriesUid(studyInstanceUid: string, reader: { initials: string; name: string }): string {
  return derivedUid('team-series', studyInstanceUid, reader.initials, reader.name.trim().toLowerCase());
}

/**
 * The SeriesDescription of a reader's series ("BoneMet-team AB Anna Berg"): the prefix a QIDO
 * search matches (Orthanc indexes SeriesDescription) and the reader a PACS user sees. LO: at most
 * 64 bytes in UTF-8 (a Greek or CJK name takes two or three a character), no backslash.
 */
export function teamSeriesDescription(reader: { initials: string; name: string }): string {
  return fitUtf8Bytes(`${TEAM_SERIES_PREFIX} ${reader.initials} ${reader.name}`.replaceAll('\\', '/'), 64).trim();
}

/** SHA-256 of a JSON value, for telling whether a document's content changed. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * A UUID made from its parts (RFC 9562 version 8, from SHA-256), the same parts always giving the
 * same id: the id here of a record received under an id another record already holds.
 */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
