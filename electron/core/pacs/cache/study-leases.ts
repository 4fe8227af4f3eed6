import fs from 'node:fs';
import path from 'node:path';
import { STUDY_LEASE_MS, type StudyLeaseRequest } from '@shared/pacs/study-lease';
import { CACHE_FOLDER } from './cache-folder';

// The holds live as files in the data folder, not in one process's memory: the Electron app, the
// browser mode's host and the CLI each evict, and each must see what the others' viewers show.
// One empty file per hold, `<Study Instance UID>~<lease id>`, its modification time the last renewal
// (a UID is digits and dots, a lease id a UUID: neither can name another folder).

/** A hold this much older than its lease is certainly dead (its viewer renews within a third): its file is removed. */
const SWEEP_AFTER_MS = 2 * STUDY_LEASE_MS;

/** The folder of the viewers' holds on cached studies, beside the cache (which holds only study folders). */
export function studyLeasesFolder(cacheRoot: string): string {
  return path.join(path.dirname(cacheRoot), `${CACHE_FOLDER}-leases`);
}

function leaseFile(cacheRoot: string, { studyInstanceUid, leaseId }: StudyLeaseRequest): string {
  return path.join(studyLeasesFolder(cacheRoot), `${studyInstanceUid}~${leaseId}`);
}

/** Takes or renews a viewer's hold on a study, for STUDY_LEASE_MS from now; holds long lapsed are swept meanwhile. */
export function holdStudy(cacheRoot: string, lease: StudyLeaseRequest): { leaseMs: number } {
  fs.mkdirSync(studyLeasesFolder(cacheRoot), { recursive: true, mode: 0o700 });
  fs.writeFileSync(leaseFile(cacheRoot, lease), '');
  // Eviction sweeps only when the cache is over its limit: crashed viewers' files would pile up meanwhile.
  studiesInUse(cacheRoot);
  return { leaseMs: STUDY_LEASE_MS };
}

/** Ends a viewer's hold; false when it had none (already released, or swept after it lapsed). */
export function releaseStudy(cacheRoot: string, lease: StudyLeaseRequest): { released: boolean } {
  try {
    fs.unlinkSync(leaseFile(cacheRoot, lease));
    return { released: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { released: false };
    throw error;
  }
}

/**
 * The studies some viewer holds now, in any process on this data folder: those with a hold
 * renewed within STUDY_LEASE_MS. Holds long lapsed (a crashed renderer's) are removed on the way.
 */
export function studiesInUse(cacheRoot: string, now = Date.now()): Set<string> {
  const folder = studyLeasesFolder(cacheRoot);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  const held = new Set<string>();
  for (const name of names) {
    const study = name.split('~')[0]!;
    let age: number;
    try {
      age = now - fs.statSync(path.join(folder, name)).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (age < STUDY_LEASE_MS) held.add(study);
    else if (age > SWEEP_AFTER_MS) fs.rmSync(path.join(folder, name), { force: true });
  }
  return held;
}
