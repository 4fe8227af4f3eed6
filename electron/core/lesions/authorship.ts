import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';

/**
 * Refuses a write by anyone but the record's reader: a record is created under the signed-in
 * reader's initials only, and a stored one is changed or deleted only by the reader who recorded it.
 * @param kind - what the record is, for the message ("lesion", "annotation")
 * @param recordReader - the reader the record names (the candidate's, or the stored one's)
 * @param reader - the signed-in reader's initials
 */
export function requireOwnRecord(kind: string, recordReader: string, reader: string): void {
  if (recordReader !== reader) {
    throw new AppError('forbidden', `This ${kind} is ${recordReader}'s: only ${recordReader} records or changes it, not ${reader}.`);
  }
}

/**
 * Refuses to change a record received from another workstation through the PACS: it is its
 * reader's, kept read-only here, and changes only where it was recorded (whoever is signed in
 * here, initials alike or not).
 * @param kind - "lesion" or "annotation"
 */
export function requireLocalRecord(db: Database.Database, kind: 'lesion' | 'annotation', id: string): void {
  const table = kind === 'lesion' ? 'lesions' : 'annotations';
  const row = db
    .prepare(`SELECT t.reader, d.workstation, d.reader_name FROM ${table} t LEFT JOIN received_documents d ON d.document_key = t.origin WHERE t.id = ? AND t.origin IS NOT NULL`)
    .get(id) as { reader: string; workstation: string | null; reader_name: string | null } | undefined;
  if (!row) return;
  const who = row.reader_name ? `${row.reader} (${row.reader_name})` : row.reader;
  throw new AppError('forbidden', `This ${kind} was received from workstation ${row.workstation ?? 'elsewhere'} through the PACS: it is ${who}'s, read-only here, and changes only on the workstation where it was recorded.`);
}
