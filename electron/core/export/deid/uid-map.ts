import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { uuidToUid } from '@shared/dicom/uid';
import { recordUidPairs } from '../../research/uid-pairs';

/**
 * The replacement of a UID in a patient's de-identified exports: the 2.25 UID of a version 8 UUID
 * (RFC 9562, custom) made from HMAC-SHA256 of the pseudonym and the original under the workstation's
 * secret key. The same (pseudonym, original) always gives the same UID, on this workstation only:
 * without the key nobody can recompute one from an original, or test a guess.
 * @param name - an original UID, or the name of an object the export itself makes
 */
export function keyedUid(key: Buffer, pseudonym: string, name: string): string {
  const digest = createHmac('sha256', key).update(pseudonym).update('\u0000').update(name).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return uuidToUid(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
}

/**
 * One export's view of the keyed UID map: images, SEG and SR of a study get their UIDs from it, so
 * they reference each other, and a later export of the same study under the same pseudonym gets the
 * same UIDs (the map is per patient and study, not per export run). Pairs of original UIDs are
 * recorded in the local database (export_uid_map) once, under the first export that wrote them, so
 * that the workstation can say which original a dataset's UID stands for; never in the export.
 */
export class UidMap {
  private readonly known = new Map<string, string>();
  private pending: [string, string][] = [];

  constructor(private readonly db: Database.Database, readonly exportId: number, private readonly key: Buffer) {}

  /** The replacement of an original UID in the pseudonym's exports. */
  map(pseudonym: string, original: string): string {
    const memo = `${pseudonym}\u0000${original}`;
    let replacement = this.known.get(memo);
    if (replacement === undefined) {
      replacement = keyedUid(this.key, pseudonym, original);
      this.known.set(memo, replacement);
      this.pending.push([original, replacement]);
    }
    return replacement;
  }

  /**
   * The UID of an object the export itself makes (an SR series, a SEG instance), named by what it is
   * ("sr-series:<study>"): the same name gives the same UID in every export. Not recorded: no original.
   */
  derive(pseudonym: string, name: string): string {
    return keyedUid(this.key, pseudonym, `bonemet-derived:${name}`);
  }

  /** Records the pairs mapped since the last flush (a pair recorded by an earlier export is left as it is). */
  flush(): void {
    recordUidPairs(this.db, this.exportId, this.pending);
    this.pending = [];
  }
}
