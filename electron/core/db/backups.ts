import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { auditChainProblem, checkAuditChain } from '../lesions/audit-chain';
import { checkpointAlone } from './exclusive-access';
import { migrations } from './migrations';
import { auditChain } from './migrations/007-audit-chain';
import { DATABASE_FILE } from './open-database';

/** How many automatic backups are kept; older ones are removed. */
export const BACKUPS_KEPT = 10;
const BACKUP_NAME = /^bonemet-(\d{8}T\d{6}\d{3}Z)\.sqlite$/;

/** The folder of a data folder's backups. */
export function backupDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** Backups of a data folder, newest first. */
export function listBackups(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort().reverse().map((name) => path.join(dir, name));
}

/**
 * Writes a consistent copy of the database with SQLite's online backup (the app may keep
 * writing), checks it, and keeps the newest BACKUPS_KEPT copies.
 */
export async function backupDatabase(db: Database.Database, dataDir: string, now = new Date()): Promise<string> {
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const target = path.join(dir, `bonemet-${stamp}.sqlite`);
  const partial = `${target}.partial`;
  try {
    await db.backup(partial);
    // The copy inherits WAL mode from the live file's header; a backup stands alone, and opening a
    // WAL file (even to check it) leaves -wal and -shm files beside it that nothing removes.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    assertHealthy(partial);
    const chain = chainProblemOf(partial, 'the database');
    if (chain) {
      throw new AppError(
        'database_error',
        `No backup was written: ${chain} The backups made before are kept as they were; restore the newest of them (backup --list, then restore <file>) to get back a log that chains.`,
      );
    }
    fs.renameSync(partial, target);
  } catch (error) {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
    if (error instanceof AppError) throw error;
    // A full disk reaches here as ENOSPC from the file system, or as SQLITE_FULL from SQLite's own backup.
    const code = (error as NodeJS.ErrnoException).code;
    const full = code === 'ENOSPC' || code === 'SQLITE_FULL';
    throw new AppError('io_error', full ? `The disk is full: no backup was written to ${dir}.` : `The backup failed: ${(error as Error).message}`, { cause: error });
  }
  for (const old of listBackups(dataDir).slice(BACKUPS_KEPT)) fs.rmSync(old, { force: true });
  return target;
}

/** True when the newest backup is older than `maxAgeMs` (or there is none). */
export function backupIsDue(dataDir: string, maxAgeMs: number, now = Date.now()): boolean {
  const newest = listBackups(dataDir)[0];
  return !newest || now - fs.statSync(newest).mtimeMs > maxAgeMs;
}

/**
 * Replaces the database with a backup, after checking the backup (sound, of a schema this app
 * knows, its audit log chaining), and keeps the replaced file beside it. Refused while the app or
 * anything else has the database open: it would go on writing to the old file.
 */
export function restoreDatabase(dataDir: string, backupFile: string): { restored: string; previous: string | null } {
  if (!fs.existsSync(backupFile)) throw new AppError('not_found', `No backup at ${backupFile}.`);
  assertHealthy(backupFile);
  const chain = chainProblemOf(backupFile, path.basename(backupFile));
  if (chain) throw new AppError('database_error', `This backup is refused: ${chain} Restore another one (backup --list).`);
  const live = path.join(dataDir, DATABASE_FILE);
  let previous: string | null = null;
  if (fs.existsSync(live)) {
    // Alone with the file, its WAL folded in, so that the kept copy is whole.
    checkpointAlone(live, 'restore');
    previous = path.join(dataDir, `bonemet.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}.sqlite`);
    fs.renameSync(live, previous);
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(live + suffix, { force: true });
  fs.copyFileSync(backupFile, live);
  return { restored: live, previous };
}

/**
 * Why the audit log of a database file does not chain, or null when it does. A file from before
 * the chain (schema 6 and older) has none to break: it is chained as it stands when upgraded.
 * @param name - the file as the user is told it
 */
function chainProblemOf(file: string, name: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    if ((db.pragma('user_version', { simple: true }) as number) < auditChain.version) return null;
    return auditChainProblem(checkAuditChain(db), name);
  } finally {
    db.close();
  }
}

/** Refuses a file that is not a sound database of a schema this app knows. */
function assertHealthy(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new AppError('database_error', `${file} is damaged: ${String(check)}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations.at(-1)!.version;
    if (version > latest) throw new AppError('database_error', `${file} has schema version ${version}, newer than this app (${latest}).`);
  } finally {
    db.close();
  }
}
