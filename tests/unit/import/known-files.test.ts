import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runImport } from '../../../electron/core/importer/run-import';
import { KnownFiles } from '../../../electron/core/index/known-files';
import { SHARED_DICOM, temporaryFolder } from '../../support/paths';

// What an import knows of files seen before decides which it skips as unchanged. Asked by path
// while few files are asked about, and from one full read after many: both must give the answer
// the index held when the import asked, whatever it writes meanwhile.
let dataDir: string;
let sourceDir: string;
let db: Database.Database;
let onDisk: string[];
beforeAll(async () => {
  dataDir = temporaryFolder('known-files-data');
  sourceDir = fs.realpathSync(temporaryFolder('known-files-source'));
  db = openDatabase(dataDir);
  await runImport(db, [fs.realpathSync(SHARED_DICOM)]);
  onDisk = fs
    .readdirSync(SHARED_DICOM, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => fs.realpathSync(path.join(d.parentPath, d.name)));
}, 60_000);
afterAll(() => {
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(sourceDir, { recursive: true, force: true });
});

describe('KnownFiles', () => {
  it('answers by lookup exactly as the full read does, for every file of the shared set', () => {
    const byLookup = new KnownFiles(db, Number.MAX_SAFE_INTEGER);
    const byFullRead = new KnownFiles(db, 0);
    const outcomes = new Map<string, number>();
    for (const file of onDisk) {
      const known = byLookup.get(file);
      expect(known, file).toEqual(byFullRead.get(file));
      const outcome = known?.outcome ?? 'unknown';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // Each outcome as the index holds it: an instance row per indexed file, a scan record for the rest.
    expect(outcomes.get('indexed')).toBe(db.prepare('SELECT count(*) FROM instances').pluck().get());
    expect(outcomes.get('reported')).toBe(db.prepare("SELECT count(*) FROM scanned_files WHERE outcome = 'reported'").pluck().get());
    expect(outcomes.get('duplicate')).toBe(db.prepare("SELECT count(*) FROM scanned_files WHERE outcome = 'duplicate'").pluck().get());
    expect(outcomes.get('unknown')).toBeUndefined();
    const indexed = byLookup.get(onDisk.find((f) => byLookup.get(f)?.outcome === 'indexed')!)!;
    expect(indexed.seriesRef).toBeGreaterThan(0);
    expect(byLookup.get(path.join(sourceDir, 'never-seen.dcm'))).toBeUndefined();
  });

  it('keeps the answer it gave when it switches to the full read, and forgets what it was told to', async () => {
    const known = new KnownFiles(db, 2);
    const copy = path.join(sourceDir, 'copy-of-mr-small.dcm');
    fs.copyFileSync(path.join(SHARED_DICOM, 'pydicom/MR_small.dcm'), copy);
    const [first, second] = onDisk.filter((f) => new KnownFiles(db).get(f)?.outcome === 'indexed');
    expect(known.has(copy)).toBe(false);
    expect(known.get(first!)?.outcome).toBe('indexed');
    known.delete(second!);
    // The copy is recorded now (a duplicate of MR_small); the import that asked had been told it was new.
    await runImport(db, [copy]);
    expect(new KnownFiles(db).get(copy)?.outcome).toBe('duplicate');
    // Two lookups made: the next question reads the whole index.
    expect(known.get(onDisk.at(-1)!)).toEqual(new KnownFiles(db).get(onDisk.at(-1)!));
    expect(known.get(copy)).toBeUndefined();
    expect(known.get(second!)).toBeUndefined();
    expect(known.get(first!)?.outcome).toBe('indexed');
  });
});
