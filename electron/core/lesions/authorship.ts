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
