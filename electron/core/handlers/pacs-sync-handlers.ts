import type Database from 'better-sqlite3';
import type { Handlers } from '@shared/ipc/contract';
import { recordConflicts } from '../pacs/team-records';
import type { TeamSync } from '../pacs/team-sync';

type PacsSyncHandlers = Pick<Handlers, 'pacs.sync' | 'pacs.outbox' | 'pacs.conflicts'>;

/** The team's sync through the PACS: Sync now, the outbox, and versions received that conflict with a record here. */
export function pacsSyncHandlers(db: Database.Database, sync: TeamSync): PacsSyncHandlers {
  return {
    'pacs.sync': async () => sync.syncNow(),
    'pacs.outbox': async () => sync.status(),
    'pacs.conflicts': async ({ entityIds }) => entityIds.flatMap((id) => recordConflicts(db, id)),
  };
}
