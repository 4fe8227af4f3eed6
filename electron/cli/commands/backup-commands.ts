import path from 'node:path';
import { AppError } from '@shared/errors';
import { backupDatabase, listBackups, restoreDatabase } from '../../core/db/backups';
import { openDatabase } from '../../core/db/open-database';
import type { ParsedArguments } from '../arguments';
import { dataDirOf } from '../cli-context';

/** `backup [--list]`: writes a checked backup of the database now, or lists the backups. */
export async function backupCommand(args: ParsedArguments): Promise<void> {
  const dataDir = dataDirOf(args);
  if (args.flags.has('list')) {
    for (const file of listBackups(dataDir)) console.log(file);
    return;
  }
  const db = openDatabase(dataDir);
  try {
    console.log(await backupDatabase(db, dataDir));
  } finally {
    db.close();
  }
}

/** `restore <backup file>`: replaces the database with a checked backup (stop the app first). */
export async function restoreCommand(args: ParsedArguments): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new AppError('invalid_request', 'restore needs a backup file (see `backup --list`)');
  const { restored, previous } = restoreDatabase(dataDirOf(args), path.resolve(file));
  console.log(`Restored ${restored} from ${path.resolve(file)}.${previous ? ` The replaced database is kept as ${previous}.` : ''}`);
}
