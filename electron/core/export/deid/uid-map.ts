import type Database from 'better-sqlite3';
import { newUid } from '../dicom/uids';

/**
 * One export's map from original UIDs to new 2.25 UIDs (random, so that no new UID can be computed
 * from an original). The same original always gets the same replacement within the export, across
 * images, SEG and SR. Pairs live in the local database (export_uid_map), never in the export;
 * new pairs are buffered and written in one transaction by flush().
 */
export class UidMap {
  private readonly known = new Map<string, string>();
  private pending: [string, string][] = [];

  constructor(private readonly db: Database.Database, readonly exportId: number) {
    const rows = db.prepare('SELECT original_uid, pseudonym_uid FROM export_uid_map WHERE export_id = ?').raw().all(exportId) as [string, string][];
    for (const [original, replacement] of rows) this.known.set(original, replacement);
  }

  /** The replacement of a UID (minted on first use). */
  map(original: string): string {
    let replacement = this.known.get(original);
    if (replacement === undefined) {
      replacement = newUid();
      this.known.set(original, replacement);
      this.pending.push([original, replacement]);
    }
    return replacement;
  }

  /** The replacement of a UID if one was minted, else undefined (never mints). */
  lookup(original: string): string | undefined {
    return this.known.get(original);
  }

  /** Every original UID mapped so far. */
  originals(): string[] {
    return [...this.known.keys()];
  }

  /** Writes the pairs minted since the last flush. */
  flush(): void {
    if (this.pending.length === 0) return;
    const insert = this.db.prepare('INSERT INTO export_uid_map (export_id, original_uid, pseudonym_uid) VALUES (?, ?, ?)');
    const rows = this.pending;
    this.db.transaction(() => {
      for (const [original, replacement] of rows) insert.run(this.exportId, original, replacement);
    })();
    this.pending = [];
  }
}
