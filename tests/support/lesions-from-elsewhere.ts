import { openDatabase } from '../../electron/core/db/open-database';
import { restoreLesion } from '../../electron/core/lesions/lesion-store';
import type { Lesion } from '@shared/lesion/lesion';

/**
 * Seeds lesions recorded at another workstation, by readers perhaps never named here, the way
 * `lesions import-sr` restores them: under their own readers, audited under the restoring one.
 * No door files a lesion for another reader, so tests needing such lesions seed them here.
 * @param dataDir - the data folder (a running host's is fine: SQLite in WAL mode)
 * @param restoringReader - initials the audit trail records for the restore
 */
export function restoreLesionsFromElsewhere(dataDir: string, lesions: readonly Lesion[], restoringReader: string): void {
  const db = openDatabase(dataDir);
  try {
    for (const lesion of lesions) restoreLesion(db, lesion, restoringReader);
  } finally {
    db.close();
  }
}
