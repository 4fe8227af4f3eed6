import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError } from '@shared/errors';
import type { Migration } from './migration';
import { writeTransaction } from './write-transaction';

export interface MigrationOutcome {
  from: number;
  to: number;
  backupPath: string | null;
}

/**
 * Brings a database to the newest schema: a backup first when upgrading an existing file,
 * then every pending migration in one transaction. Refuses a database from a newer app.
 */
export function migrate(db: Database.Database, list: readonly Migration[], backupPath: string | null): MigrationOutcome {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = list.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new AppError(
      'database_error',
      `The database ${db.name} has schema version ${from}, written by a newer BoneMet Review; ` +
        `this version knows up to ${latest}. Update the app, or choose another data folder.`,
    );
  }
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  let backup: string | null = null;
  if (from > 0 && backupPath) {
    fs.rmSync(backupPath, { force: true });
    db.exec(`VACUUM INTO '${backupPath.replaceAll("'", "''")}'`);
    backup = backupPath;
  }
  // Under the write lock, the version is read again: another process opening the same folder (the
  // app and a CLI import on a new data folder) may have migrated since it was read above.
  writeTransaction(db, () => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (const migration of list.filter((m) => m.version > current)) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  return { from, to: latest, backupPath: backup };
}
