import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../electron/core/db/backups';
import { adoptEarlierDataFolder } from '../../../electron/core/db/earlier-data-folder';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/db/open-database';
import { listLesions, saveLesion } from '../../../electron/core/lesions/lesion-store';
import { makeLesion } from '../../support/lesion-fixtures';
import { temporaryFolder } from '../../support/paths';

const folders: string[] = [];
const folder = (name: string) => {
  const made = temporaryFolder(name);
  folders.push(made);
  return made;
};
afterEach(() => {
  for (const made of folders.splice(0)) fs.rmSync(made, { recursive: true, force: true });
});

describe('the data folder an earlier Electron app used', () => {
  it('gives its database (WAL and all) and backups to the new folder, leaving the files the index points at', async () => {
    const earlier = folder('earlier-userdata');
    const current = path.join(folder('config'), 'BoneMet Review');
    const db = openDatabase(earlier);
    saveLesion(db, makeLesion({ id: 'e0000000-0000-4000-8000-000000000001', trackingUid: '2.25.71' }), 'AB');
    await backupDatabase(db, earlier);
    db.pragma('wal_checkpoint(PASSIVE)');
    // Written after the checkpoint and left in the WAL: the move must carry it.
    saveLesion(db, makeLesion({ id: 'e0000000-0000-4000-8000-000000000002', trackingUid: '2.25.72' }), 'AB');
    fs.mkdirSync(path.join(earlier, 'demo-study'));
    fs.writeFileSync(path.join(earlier, 'demo-study', 'slice.dcm'), 'indexed where it is');
    // The app is gone (a crash leaves its WAL): copy the files as they are on disk, then close.
    const onDisk = folder('on-disk');
    for (const name of fs.readdirSync(earlier)) fs.cpSync(path.join(earlier, name), path.join(onDisk, name), { recursive: true });
    db.close();

    const moved = adoptEarlierDataFolder(onDisk, current);
    expect(moved.map((p) => path.basename(p)).sort()).toEqual(['backups', DATABASE_FILE, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-wal`].sort());
    expect(fs.existsSync(path.join(onDisk, DATABASE_FILE))).toBe(false);
    expect(fs.existsSync(path.join(onDisk, 'demo-study', 'slice.dcm'))).toBe(true);
    const reopened = openDatabase(current);
    try {
      expect(listLesions(reopened, {}).map((l) => l.trackingUid).sort()).toEqual(['2.25.71', '2.25.72']);
    } finally {
      reopened.close();
    }
    expect(fs.readdirSync(path.join(current, 'backups'))).toHaveLength(1);
    // Done once: a second start moves nothing.
    expect(adoptEarlierDataFolder(onDisk, current)).toEqual([]);
  });

  it('never touches a folder that already has a database, nor moves anything when the earlier one has none', () => {
    const earlier = folder('earlier-has');
    const current = folder('current-has');
    openDatabase(earlier).close();
    openDatabase(current).close();
    const before = fs.statSync(path.join(current, DATABASE_FILE)).ino;
    expect(adoptEarlierDataFolder(earlier, current)).toEqual([]);
    expect(fs.statSync(path.join(current, DATABASE_FILE)).ino).toBe(before);
    expect(fs.existsSync(path.join(earlier, DATABASE_FILE))).toBe(true);
    expect(adoptEarlierDataFolder(folder('earlier-empty'), path.join(folder('x'), 'new'))).toEqual([]);
  });
});
