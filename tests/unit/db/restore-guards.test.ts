import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase } from '../../../electron/core/db/open-database';
import { saveLesion } from '../../../electron/core/lesions/lesion-store';
import { setCurrentReader } from '../../../electron/core/lesions/reader-settings';
import { makeLesion } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';

// `restore` replaces the database file: never under an app, a host or a command that has it open.
const folders: string[] = [];
const hosts: ChildProcess[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) stopHost(host);
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const cli = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });

/** A data folder with one lesion, and a backup of it written by the CLI. */
function folderWithBackup(): { dataDir: string; backup: string } {
  const dataDir = temporaryFolder('restore-guard');
  folders.push(dataDir);
  const db = openDatabase(dataDir);
  setCurrentReader(db, { initials: 'AB', name: 'Anna Berg' });
  saveLesion(db, makeLesion({ id: 'e7000000-0000-4000-8000-000000000001', trackingUid: '2.25.7701' }), 'AB');
  db.close();
  const made = cli(dataDir, 'backup');
  expect(made.status, made.stderr).toBe(0);
  return { dataDir, backup: made.stdout.trim() };
}

/** `serve` on the folder, as the browser mode runs; resolves once it printed its URL (it has the database open). */
function startHost(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'serve', '--no-open', '--port', '0', '--data-dir', dataDir], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  hosts.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

function stopHost(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
}

const keptCopies = (dataDir: string) => fs.readdirSync(dataDir).filter((name) => name.startsWith('bonemet.before-restore-'));

describe('restore while the database is open elsewhere', () => {
  it('refuses while a browser-mode host holds the database, touching nothing, and restores once it has stopped', async () => {
    const { dataDir, backup } = folderWithBackup();
    const host = await startHost(dataDir);
    const live = path.join(dataDir, DATABASE_FILE);
    const inode = fs.statSync(live).ino;
    const refused = cli(dataDir, 'restore', backup);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/The database .* is in use by another BoneMet Review process \(the app, `serve` or a command\): close it, then restore/);
    expect(fs.statSync(live).ino).toBe(inode);
    expect(keptCopies(dataDir)).toEqual([]);
    await new Promise<void>((resolve) => {
      host.once('exit', () => resolve());
      stopHost(host);
    });
    const restored = cli(dataDir, 'restore', backup);
    expect(restored.status, restored.stderr).toBe(0);
    expect(keptCopies(dataDir)).toHaveLength(1);
  });

  it('refuses while another command has it open in this very machine (SQLite\'s own lock), and restores after it closes', () => {
    const { dataDir, backup } = folderWithBackup();
    const holder = openDatabase(dataDir);
    try {
      expect(cli(dataDir, 'restore', backup).status).toBe(1);
      expect(keptCopies(dataDir)).toEqual([]);
    } finally {
      holder.close();
    }
    expect(cli(dataDir, 'restore', backup).status).toBe(0);
  });
});

/** The lesions the folder's database holds now, as `lesions list --all --json` gives them. */
const lesionIdsIn = (dataDir: string) => (JSON.parse(cli(dataDir, 'lesions', 'list', '--all', '--json').stdout) as { lesion: { id: string } }[]).map((l) => l.lesion.id);

describe('restore that cannot put the backup in place', () => {
  it('names the database in use (by its path, a link to it, or another spelling) as no backup, and moves nothing', () => {
    const { dataDir } = folderWithBackup();
    const live = path.join(dataDir, DATABASE_FILE);
    fs.symlinkSync(live, path.join(dataDir, 'link.sqlite'));
    for (const named of [live, path.join(dataDir, 'link.sqlite'), path.join(dataDir, 'backups', '..', DATABASE_FILE)]) {
      const refused = cli(dataDir, 'restore', named);
      expect(refused.status, named).toBe(2);
      expect(refused.stderr).toContain(`${named} is the database in use, not a backup of it: restore one of the files \`backup --list\` shows.`);
      expect(fs.existsSync(live)).toBe(true);
      expect(keptCopies(dataDir)).toEqual([]);
    }
    expect(lesionIdsIn(dataDir)).toEqual(['e7000000-0000-4000-8000-000000000001']);
  });

  it('on a full disk, says so and leaves the database in place, as it was', (context) => {
    const disk = temporaryFolder('restore-full-disk');
    folders.push(disk);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      context.skip('mounting a small file system needs root');
    }
    try {
      const { dataDir: elsewhere, backup } = folderWithBackup();
      const dataDir = path.join(disk, 'data');
      fs.cpSync(elsewhere, dataDir, { recursive: true });
      // Filled to the last block: the backup (as large as the database) cannot be copied in.
      const filler = fs.openSync(path.join(disk, 'filler'), 'w');
      try {
        for (const chunk = Buffer.alloc(64 * 1024); ; ) fs.writeSync(filler, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(filler);
      }
      const refused = cli(dataDir, 'restore', backup);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('The disk is full: the backup was not restored, and the database is as it was. Free some space, then restore again.');
      expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('bonemet.'))).toEqual([DATABASE_FILE]);
      fs.rmSync(path.join(disk, 'filler'));
      expect(lesionIdsIn(dataDir)).toEqual(['e7000000-0000-4000-8000-000000000001']);
    } finally {
      execFileSync('umount', [disk]);
    }
  });
});

describe('restore of a file that is no backup', () => {
  it.each([
    ['/dev/zero', () => '/dev/zero', /\/dev\/zero is not a backup file \(a device\)/],
    ['a named pipe', (dir: string) => (execFileSync('mkfifo', [path.join(dir, 'backup.fifo')]), path.join(dir, 'backup.fifo')), /backup\.fifo is not a backup file \(a named pipe\)/],
    ['an empty file', (dir: string) => (fs.writeFileSync(path.join(dir, 'empty.sqlite'), ''), path.join(dir, 'empty.sqlite')), /empty\.sqlite holds no BoneMet Review database/],
  ])('refuses %s, and the database keeps its records', (_name, make, message) => {
    const { dataDir } = folderWithBackup();
    const sources = temporaryFolder('restore-source');
    folders.push(sources);
    const source = make(sources);
    // Was: /dev/zero and an empty file "restored": an empty database in place of the records (and a
    // world-writable one, the mode of /dev/zero); a pipe left restore waiting for ever.
    const refused = spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), 'restore', source, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
    expect(refused.signal).toBeNull();
    expect(refused.stderr).toMatch(message);
    expect(refused.status).toBe(2);
    expect(keptCopies(dataDir)).toEqual([]);
    expect(lesionIdsIn(dataDir)).toEqual(['e7000000-0000-4000-8000-000000000001']);
  });
});
