import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { BACKUPS_KEPT, backupDatabase, backupIsDue, listBackups, restoreDatabase } from '../../../electron/core/db/backups';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/db/open-database';
import { listLesions, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { makeLesion } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

let dataDir: string;
let db: Database.Database;
beforeEach(() => {
  dataDir = temporaryFolder('backups');
  db = openDatabase(dataDir);
});
afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const lesion = (n: number) => makeLesion({ id: `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, trackingUid: `2.25.${n}` });

describe('backups', () => {
  it('copy the live database, lesions included, into a checked file', async () => {
    saveLesion(db, lesion(1), 'AB');
    const file = await backupDatabase(db, dataDir);
    // One file, standing alone: no WAL companions left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM lesions').pluck().get()).toBe(1);
    copy.close();
    expect(backupIsDue(dataDir, 60_000)).toBe(false);
    expect(backupIsDue(dataDir, 60_000, Date.now() + 120_000)).toBe(true);
  });

  it(`keep the newest ${BACKUPS_KEPT}`, async () => {
    for (let day = 1; day <= BACKUPS_KEPT + 2; day++) await backupDatabase(db, dataDir, new Date(Date.UTC(2026, 0, day)));
    const kept = listBackups(dataDir).map((f) => path.basename(f));
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toBe('bonemet-20260112T000000000Z.sqlite');
    expect(kept.at(-1)).toBe('bonemet-20260103T000000000Z.sqlite');
  });

  it('restore a backup and keep the database it replaced', async () => {
    saveLesion(db, lesion(1), 'AB');
    const file = await backupDatabase(db, dataDir);
    saveLesion(db, lesion(2), 'AB');
    db.close();
    const { previous } = restoreDatabase(dataDir, file);
    db = openDatabase(dataDir);
    expect(listLesions(db).map((l) => l.trackingUid)).toEqual(['2.25.1']);
    const replaced = new Database(previous!, { readonly: true });
    expect(replaced.prepare('SELECT count(*) FROM lesions').pluck().get()).toBe(2);
    replaced.close();
  });

  it('restore through a name planted beside the database without writing where it points', async () => {
    saveLesion(db, lesion(1), 'AB');
    const file = await backupDatabase(db, dataDir);
    db.close();
    // A link left at the name restore copies into, pointing to a file outside the data folder.
    const outside = temporaryFolder('backups-outside');
    const target = path.join(outside, 'notes.txt');
    fs.writeFileSync(target, 'not the database\n');
    fs.symlinkSync(target, path.join(dataDir, `${DATABASE_FILE}.restoring`));
    restoreDatabase(dataDir, file);
    expect(fs.readFileSync(target, 'utf8')).toBe('not the database\n');
    const live = path.join(dataDir, DATABASE_FILE);
    expect(fs.lstatSync(live).isFile()).toBe(true);
    expect(fs.existsSync(`${live}.restoring`)).toBe(false);
    db = openDatabase(dataDir);
    expect(listLesions(db).map((l) => l.trackingUid)).toEqual(['2.25.1']);
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('refuse to restore a damaged file or one from a newer app, leaving the database as it was', async () => {
    saveLesion(db, lesion(1), 'AB');
    db.close();
    const garbage = path.join(dataDir, 'garbage.sqlite');
    fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
    expect(() => restoreDatabase(dataDir, garbage)).toThrow();
    const newer = path.join(dataDir, 'newer.sqlite');
    const n = new Database(newer);
    n.pragma('user_version = 99');
    n.close();
    expect(() => restoreDatabase(dataDir, newer)).toThrow(/newer than this app/);
    db = openDatabase(dataDir);
    expect(listLesions(db)).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
  });
});

describe('automatic backups in a running app', () => {
  const openCore = () => createAppCore({ dataDir, door: 'browser', version: 'test', roots: [dataDir], importRunner: inProcessImportRunner, automaticBackups: true });
  const backupProblem = async (core: AppCore) => (await core.handlers['app.info']({})).backupProblem;

  it('tell the user through app.info when a backup fails, and nothing when it works', async () => {
    db.close();
    // A file where the backups folder must go: the backup at start-up cannot be written.
    fs.writeFileSync(path.join(dataDir, 'backups'), 'not a folder');
    const failing = openCore();
    try {
      await expect.poll(() => backupProblem(failing)).toMatch(/automatic backup of the database failed: .*(EEXIST|ENOTDIR).*What is saved is unharmed/);
    } finally {
      failing.close();
    }
    fs.rmSync(path.join(dataDir, 'backups'));
    const working = openCore();
    try {
      await expect.poll(() => listBackups(dataDir).length).toBe(1);
      await expect.poll(() => backupProblem(working)).toBeNull();
    } finally {
      working.close();
    }
  });
});
