import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { ownedRecordCount, ownedRecordsText, ReaderSchema, sameReaderName, type Reader } from '@shared/reader/reader';
import { isReviewingRole, reviewingRolesText, roleWithArticle, type ReviewingRole } from '@shared/reader/roles';
import { appendAudit } from './audit-log';
import { readerRecords } from './reader-records';
import { writeTransaction } from '../db/write-transaction';

/** The reader named at this workstation, or null before anyone has. */
export function currentReader(db: Database.Database): Reader | null {
  const value = db.prepare("SELECT value FROM settings WHERE key = 'current_reader'").pluck().get() as string | undefined;
  return value === undefined ? null : ReaderSchema.parse(JSON.parse(value));
}

/**
 * Names the reader at this workstation (and remembers every reader ever named). Initials that
 * already own records here are taken only with the full name recorded for them: the refusal says
 * whose they are. A change of reader is audited with the OS account and workstation it came from.
 */
export function setCurrentReader(db: Database.Database, candidate: unknown): Reader {
  const asked = ReaderSchema.parse(candidate);
  return writeTransaction(db, () => {
    const owned = readerRecords(db, asked.initials);
    if (owned.name !== null && ownedRecordCount(owned) > 0 && !sameReaderName(owned.name, asked.name)) {
      throw new AppError(
        'forbidden',
        `The initials ${asked.initials} already own ${ownedRecordsText(owned)} on this workstation, recorded by ${owned.name}. ` +
          `To sign in as ${asked.initials}, give the full name as recorded (${owned.name}); if you are someone else, choose other initials.`,
      );
    }
    // Records keep the name they were recorded under: a match in other case or spacing changes nothing.
    const reader = owned.name !== null && ownedRecordCount(owned) > 0 ? { ...asked, name: owned.name } : asked;
    const before = currentReader(db);
    db.prepare('INSERT INTO readers (initials, name, created_at) VALUES (?, ?, ?) ON CONFLICT(initials) DO UPDATE SET name = excluded.name').run(
      reader.initials, reader.name, new Date().toISOString(),
    );
    db.prepare("INSERT INTO settings (key, value) VALUES ('current_reader', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(reader));
    if (JSON.stringify(before) !== JSON.stringify(reader)) {
      appendAudit(db, { reader: reader.initials, entity: 'reader', entityId: reader.initials, action: owned.name === null ? 'create' : 'update', before, after: reader });
    }
    return reader;
  });
}

/** The current reader, or a clear refusal: nothing is recorded anonymously. */
function requireSignedIn(db: Database.Database): Reader {
  const reader = currentReader(db);
  if (!reader) throw new AppError('forbidden', 'Name yourself first (initials and name): every lesion and annotation records its reader.');
  return reader;
}

/** The current reader's initials, or a clear refusal: nothing is recorded anonymously. */
export function requireReader(db: Database.Database): string {
  return requireSignedIn(db).initials;
}

/**
 * The current reader's initials when they may record lesions: a reviewing specialist reviews
 * lesions and records, changes or deletes none (the same rule the lesion form shows as read-only).
 */
export function requireLesionReader(db: Database.Database): string {
  const reader = requireSignedIn(db);
  if (isReviewingRole(reader.role)) {
    throw new AppError('forbidden', `${reader.initials} is signed in as ${roleWithArticle(reader.role)}: a reviewing specialist reviews lesions and records, changes or deletes none.`);
  }
  return reader.initials;
}

/** The current reader when they may record a decision: a reviewing specialist, and only one. */
export function requireReviewer(db: Database.Database): { initials: string; role: ReviewingRole } {
  const reader = requireSignedIn(db);
  if (!isReviewingRole(reader.role)) {
    throw new AppError('forbidden', `${reader.initials} is signed in as ${roleWithArticle(reader.role)}: only a reviewing specialist (${reviewingRolesText()}) records a decision.`);
  }
  return { initials: reader.initials, role: reader.role };
}
