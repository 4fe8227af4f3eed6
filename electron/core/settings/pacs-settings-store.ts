import type Database from 'better-sqlite3';
import { PacsSettingsInputSchema, type PacsSettings } from '@shared/export/pacs-settings';
import { parseDicomWebTarget, type DicomWebTarget } from '../pacs/dicomweb/dicomweb-target';

interface PacsRow {
  url: string;
  auth_header: string | null;
  updated_at: string;
}

function readRow(db: Database.Database): PacsRow | undefined {
  return db.prepare('SELECT url, auth_header, updated_at FROM pacs_server WHERE id = 1').get() as PacsRow | undefined;
}

/** The scheme of an Authorization header value ("Bearer", "Basic"), never the secret after it. */
export function authScheme(header: string | null): string | null {
  return header ? header.split(' ')[0]! : null;
}

/** The configured PACS as the UI may see it, or null when none is configured. */
export function pacsSettings(db: Database.Database): PacsSettings | null {
  const row = readRow(db);
  return row ? { url: row.url, authScheme: authScheme(row.auth_header), updatedAt: row.updated_at } : null;
}

/** The configured PACS as a DICOMweb target to send to, header included, or null. */
export function pacsTarget(db: Database.Database): DicomWebTarget | null {
  const row = readRow(db);
  return row ? parseDicomWebTarget({ url: row.url, ...(row.auth_header ? { authorization: row.auth_header } : {}) }) : null;
}

/**
 * Saves the PACS: a URL, and the Authorization header set (a string), removed (null) or, when
 * absent, kept for the same URL only: a header belongs to the server it was given for, so a new
 * URL without a header has none. Checked as a target first, so that a header is never stored for
 * clear text off this machine.
 */
export function savePacsSettings(db: Database.Database, candidate: unknown): PacsSettings {
  const input = PacsSettingsInputSchema.parse(candidate);
  const header = input.authHeader === undefined ? savedAuthHeaderFor(db, input.url) : input.authHeader;
  parseDicomWebTarget({ url: input.url, ...(header ? { authorization: header } : {}) });
  db.prepare(
    'INSERT INTO pacs_server (id, url, auth_header, updated_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET url = excluded.url, auth_header = excluded.auth_header, updated_at = excluded.updated_at',
  ).run(input.url, header, new Date().toISOString());
  return pacsSettings(db)!;
}

/** Forgets the PACS. @returns whether one was configured */
export function clearPacsSettings(db: Database.Database): boolean {
  return db.prepare('DELETE FROM pacs_server WHERE id = 1').run().changes > 0;
}

/**
 * The saved Authorization header if `url` is the saved PACS's URL, else null: a credential is
 * only ever sent to the server it was saved with.
 */
export function savedAuthHeaderFor(db: Database.Database, url: string): string | null {
  const row = readRow(db);
  return row && row.url === url ? row.auth_header : null;
}
