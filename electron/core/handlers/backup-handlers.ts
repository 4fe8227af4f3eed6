import type Database from 'better-sqlite3';
import type { Handlers } from '@shared/ipc/contract';
import { backupDatabase, listBackups } from '../db/backups';

type BackupHandlers = Pick<Handlers, 'backup.create' | 'backup.list'>;

/** The backup channels: a checked copy of the open database now, and the list kept. (Restoring needs the database closed: a core service, db/backups.ts.) */
export function backupHandlers(db: Database.Database, dataDir: string): BackupHandlers {
  return {
    'backup.create': async () => ({ file: await backupDatabase(db, dataDir) }),
    'backup.list': async () => ({ files: listBackups(dataDir) }),
  };
}
