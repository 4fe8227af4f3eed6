import type Database from 'better-sqlite3';
import { DEFAULT_SYNC_INTERVAL_SECONDS, PacsSettingsInputSchema, type PacsSettings } from '@shared/export/pacs-settings';
import { parseDicomWebTarget, type DicomWebTarget } from '../pacs/dicomweb/dicomweb-target';
import { describeCertificate, parseCertificate } from './trusted-certificate';

interface PacsRow {
  url: string;
  auth_header: string | null;
  trusted_certificate: string | null;
  updated_at: string;
  sync_interval_seconds: number;
}

function readRow(db: Database.Database): PacsRow | undefined {
  return db.prepare('SELECT url, auth_header, trusted_certificate, updated_at, sync_interval_seconds FROM pacs_server WHERE id = 1').get() as PacsRow | undefined;
}

/** The scheme of an Authorization header value ("Bearer", "Basic"), never the secret after it. */
export function authScheme(header: string | null): string | null {
  return header ? header.split(' ')[0]! : null;
}

/** The configured PACS as the UI may see it, or null when none is configured. */
export function pacsSettings(db: Database.Database): PacsSettings | null {
  const row = readRow(db);
  return row
    ? {
        url: row.url,
        authScheme: authScheme(row.auth_header),
        trustedCertificate: describeCertificate(row.trusted_certificate),
        updatedAt: row.updated_at,
        syncIntervalSeconds: row.sync_interval_seconds,
      }
    : null;
}

/** The configured PACS as a DICOMweb target to send to, header and trusted certificate included, or null. */
export function pacsTarget(db: Database.Database): DicomWebTarget | null {
  const row = readRow(db);
  return row
    ? parseDicomWebTarget({
        url: row.url,
        ...(row.auth_header ? { authorization: row.auth_header } : {}),
        ...(row.trusted_certificate ? { trustedCertificate: row.trusted_certificate } : {}),
      })
    : null;
}

/**
 * Saves the PACS: a URL, and an Authorization header and a trusted certificate, each set (a
 * string), removed (null) or, when absent, kept for the same URL only: a credential or a trusted
 * self-signed certificate belongs to the server it was given for, so a new URL without one has
 * none. Checked as a target first, so that a header is never stored for clear text off this machine.
 * The sync interval is kept when not given.
 */
export function savePacsSettings(db: Database.Database, candidate: unknown): PacsSettings {
  const input = PacsSettingsInputSchema.parse(candidate);
  const header = input.authHeader === undefined ? savedAuthHeaderFor(db, input.url) : input.authHeader;
  const certificate = input.trustedCertificate === undefined ? savedCertificateFor(db, input.url) : input.trustedCertificate?.trim() ?? null;
  if (certificate) parseCertificate(certificate);
  parseDicomWebTarget({ url: input.url, ...(header ? { authorization: header } : {}) });
  const interval = input.syncIntervalSeconds ?? readRow(db)?.sync_interval_seconds ?? DEFAULT_SYNC_INTERVAL_SECONDS;
  db.prepare(
    `INSERT INTO pacs_server (id, url, auth_header, trusted_certificate, updated_at, sync_interval_seconds) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET url = excluded.url, auth_header = excluded.auth_header,
       trusted_certificate = excluded.trusted_certificate, updated_at = excluded.updated_at, sync_interval_seconds = excluded.sync_interval_seconds`,
  ).run(input.url, header, certificate, new Date().toISOString(), interval);
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

/** The certificate trusted for `url` if it is the saved PACS's URL, else null: trust is never lent to another server. */
export function savedCertificateFor(db: Database.Database, url: string): string | null {
  const row = readRow(db);
  return row && row.url === url ? row.trusted_certificate : null;
}
