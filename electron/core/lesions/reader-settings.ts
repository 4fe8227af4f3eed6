import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { ReaderSchema, type Reader } from '@shared/reader/reader';

/** The reader named at this workstation, or null before anyone has. */
export function currentReader(db: Database.Database): Reader | null {
  const value = db.prepare("SELECT value FROM settings WHERE key = 'current_reader'").pluck().get() as string | undefined;
  return value === undefined ? null : ReaderSchema.parse(JSON.parse(value));
}

/** Names the reader at this workstation (and remembers every reader ever named). */
export function setCurrentReader(db: Database.Database, candidate: unknown): Reader {
  const reader = ReaderSchema.parse(candidate);
  db.transaction(() => {
    db.prepare('INSERT INTO readers (initials, name, created_at) VALUES (?, ?, ?) ON CONFLICT(initials) DO UPDATE SET name = excluded.name').run(
      reader.initials, reader.name, new Date().toISOString(),
    );
    db.prepare("INSERT INTO settings (key, value) VALUES ('current_reader', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(reader));
  })();
  return reader;
}

/** The current reader's initials, or a clear refusal: nothing is recorded anonymously. */
export function requireReader(db: Database.Database): string {
  const reader = currentReader(db);
  if (!reader) throw new AppError('forbidden', 'Name yourself first (initials and name): every lesion and annotation records its reader.');
  return reader.initials;
}

/**
 * The current reader's initials when they may record lesions: a surgeon reviews lesions and
 * records none (the same rule the lesion form shows as read-only).
 */
export function requireLesionReader(db: Database.Database): string {
  const initials = requireReader(db);
  if (currentReader(db)?.role === 'surgeon') {
    throw new AppError('forbidden', `${initials} is signed in as a surgeon: a surgeon reviews lesions and records, changes or deletes none.`);
  }
  return initials;
}
