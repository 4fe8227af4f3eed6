import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import { specialFileKind } from '../files/special-files';
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
 * anything else has the database open: it would go on writing to the old file. The backup is
 * copied beside the database before anything is moved, so that a copy that fails (a full disk)
 * leaves the database as it was; the database itself, under any name, is no backup of it.
 */
export function restoreDatabase(dataDir: string, backupFile: string): { restored: string; previous: string | null } {
  if (!fs.existsSync(backupFile)) throw new AppError('not_found', `No backup at ${backupFile}.`);
  // SQLite reads a device (/dev/zero) as an empty database, and waits on a pipe for ever.
  const kind = fs.statSync(backupFile);
  if (!kind.isFile()) throw new AppError('invalid_request', `${backupFile} is not a backup file (${kind.isDirectory() ? 'a folder' : specialFileKind(kind)}): restore one of the files \`backup --list\` shows.`);
  const live = path.join(dataDir, DATABASE_FILE);
  if (sameFile(backupFile, live)) throw new AppError('invalid_request', `${backupFile} is the database in use, not a backup of it: restore one of the files \`backup --list\` shows.`);
  assertHealthy(backupFile);
  const chain = chainProblemOf(backupFile, path.basename(backupFile));
  if (chain) throw new AppError('database_error', `This backup is refused: ${chain} Restore another one (backup --list).`);
  const incoming = `${live}.restoring`;
  try {
    // Whatever is at that name (a copy an earlier restore left, a link planted there) is removed,
    // not written through, and the copy refuses a name made again in between (COPYFILE_EXCL).
    fs.rmSync(incoming, { force: true });
    fs.copyFileSync(backupFile, incoming, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw restoreCopyFailure(error, backupFile);
  }
  let previous: string | null = null;
  try {
    if (fs.existsSync(live)) {
      // Alone with the file, its WAL folded in, so that the kept copy is whole.
      checkpointAlone(live, 'restore');
      previous = path.join(dataDir, `bonemet.before-restore-${new Date().toISOString().replace(/[-:.]/g, '')}.sqlite`);
      fs.renameSync(live, previous);
    }
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw error;
  }
  for (const suffix of ['-wal', '-shm']) fs.rmSync(live + suffix, { force: true });
  fs.renameSync(incoming, live);
  return { restored: live, previous };
}

/** True when both paths name one file (through a link, a hard link or another spelling). */
function sameFile(a: string, b: string): boolean {
  try {
    const [left, right] = [fs.statSync(a), fs.statSync(b)];
    return left.dev === right.dev && left.ino === right.ino;
  } catch {
    return false;
  }
}

/** Why a backup could not be copied in, the database being untouched. */
function restoreCopyFailure(error: unknown, backupFile: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('io_error', 'The disk is full: the backup was not restored, and the database is as it was. Free some space, then restore again.', { cause: error });
  }
  return new AppError('io_error', `${backupFile} could not be copied in (${code ?? String(error)}): the backup was not restored, and the database is as it was.`, { cause: error });
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
    // An empty file (or another program's SQLite file) is a sound database with no schema: put in
    // place, it would open as a new, empty index and record store.
    if (version < migrations[0]!.version) {
      throw new AppError('invalid_request', `${file} holds no BoneMet Review database (an empty file or another program's): restore one of the files \`backup --list\` shows.`);
    }
    const latest = migrations.at(-1)!.version;
    if (version > latest) throw new AppError('database_error', `${file} has schema version ${version}, newer than this app (${latest}).`);
  } finally {
    db.close();
  }
}
