import path from 'node:path';
import { AppError } from '@shared/errors';
import { listBackups, restoreDatabase } from '../../core/db/backups';
import type { ParsedArguments } from '../arguments';
import { call, dataDirOf, openCore } from '../cli-context';

/**
 * `backup [--list]`: writes a checked backup of the database now, through the contract; `--list`
 * lists the backups without opening the database, so that it works when the database is damaged
 * and a backup is what the user needs.
 */
export async function backupCommand(args: ParsedArguments): Promise<void> {
  if (args.flags.has('list')) {
    for (const file of listBackups(dataDirOf(args))) console.log(file);
    return;
  }
  const core = openCore(args);
  try {
    console.log((await call(core, 'backup.create', {})).file);
  } finally {
    core.close();
  }
}

/**
 * `restore <backup file>`: replaces the database with a checked backup. Not a channel: it needs the
 * database closed, so it is the core's service called with no core open (refused while one is).
 */
export async function restoreCommand(args: ParsedArguments): Promise<void> {
  const file = args.positionals[0];
  if (!file) throw new AppError('invalid_request', 'restore needs a backup file (see `backup --list`)');
  const { restored, previous } = restoreDatabase(dataDirOf(args), path.resolve(file));
  console.log(`Restored ${restored} from ${path.resolve(file)}.${previous ? ` The replaced database is kept as ${previous}.` : ''}`);
}
