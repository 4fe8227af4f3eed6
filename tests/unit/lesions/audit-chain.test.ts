import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore, coreInternals } from '../../../electron/core/app-core';
import { listBackups } from '../../../electron/core/db/backups';
import { DATABASE_FILE } from '../../../electron/core/db/open-database';
import { inProcessImportRunner } from '../../../electron/core/importer/import-runners';
import { checkAuditChain } from '../../../electron/core/lesions/audit-chain';
import { makeLesion } from '../../support/lesion-fixtures';
import { REPO_ROOT, temporaryFolder } from '../../support/paths';
import { tamperAuditLog } from '../../support/tamper-audit-log';

// Every audit row records the OS account and workstation it came from and holds the hash of the
// row before it: a row edited or deleted outside the app breaks the chain, which the app reports
// at start, `backup` refuses to copy, and `restore` refuses to bring back.
const folders: string[] = [];
const cores: AppCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function openCore(dataDir: string, door: 'cli' | 'browser' = 'cli'): AppCore {
  const core = createAppCore({ dataDir, door, version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  cores.push(core);
  return core;
}

const cli = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, [path.join(REPO_ROOT, 'electron/cli/launch.mjs'), ...args, '--data-dir', dataDir], { encoding: 'utf8' });
const lesion = (n: number) => makeLesion({ id: `e8000000-0000-4000-8000-00000000000${n}`, trackingUid: `2.25.880${n}`, reader: 'AB' });

/** A data folder whose audit log holds a sign-in and three lesion changes (rows 1 to 4), the core closed. */
async function folderWithLog(): Promise<string> {
  const dataDir = temporaryFolder('audit-chain');
  folders.push(dataDir);
  const core = createAppCore({ dataDir, door: 'cli', version: 'test', roots: ['/'], importRunner: inProcessImportRunner });
  await core.handlers['reader.set']({ initials: 'AB', name: 'Anna Berg', role: 'radiologist' });
  for (const n of [1, 2]) await core.handlers['lesions.save']({ lesion: lesion(n) });
  await core.handlers['lesions.save']({ lesion: { ...lesion(1), note: 'measured again' } });
  core.close();
  return dataDir;
}

const live = (dataDir: string) => path.join(dataDir, DATABASE_FILE);

describe('the operating-system account and workstation on every audit row', () => {
  it("records this process's OS account and host name on lesion, review and sign-in rows", async () => {
    const dataDir = await folderWithLog();
    const core = openCore(dataDir);
    await core.handlers['reader.set']({ initials: 'CD', name: 'Carl Dahl', role: 'neurosurgeon' });
    await core.handlers['reviews.save']({ review: { id: 'e8000000-0000-4000-8000-0000000000a1', lesionId: lesion(1).id, decision: 'observe', comment: '', reviewer: 'CD' } });
    const me = { osAccount: os.userInfo().username, workstation: os.hostname() };
    expect((await core.handlers['audit.trail']({ entityId: lesion(1).id })).map((e) => ({ what: `${e.entity}:${e.action}:${e.reader}`, osAccount: e.osAccount, workstation: e.workstation }))).toEqual([
      { what: 'lesion:create:AB', ...me },
      { what: 'lesion:update:AB', ...me },
      { what: 'review:create:CD', ...me },
    ]);
    expect((await core.handlers['audit.trail']({ entityId: 'CD' })).map((e) => ({ ...e, at: undefined }))).toEqual([
      { at: undefined, reader: 'CD', ...me, entity: 'reader', entityId: 'CD', action: 'create', before: { initials: 'AB', name: 'Anna Berg', role: 'radiologist' }, after: { initials: 'CD', name: 'Carl Dahl', role: 'neurosurgeon' } },
    ]);
  });
});

describe('the hash chain of the audit log', () => {
  it('holds for a log written by the app', async () => {
    const dataDir = await folderWithLog();
    expect(checkAuditChain(coreInternals(openCore(dataDir)).db)).toEqual({ intact: true, rows: 4 });
  });

  it.each([
    ['an edited row', "UPDATE audit_log SET after = replace(after, 'measured again', 'never measured') WHERE id = 4", /row 4 \(lesion update by AB at .*\) was changed after it was written/],
    ['an edited reader', "UPDATE audit_log SET reader = 'ZZ' WHERE id = 2", /row 2 \(lesion create by ZZ at .*\) was changed/],
    ['a deleted row', 'DELETE FROM audit_log WHERE id = 2', /the row before row 3 \(lesion create by AB at .*\) was deleted or changed/],
    ['the first row deleted', 'DELETE FROM audit_log WHERE id = 1', /the rows before row 2 .* were deleted/],
    ['the newest row deleted', 'DELETE FROM audit_log WHERE id = 4', /the newest rows were deleted or changed: it ends at row 3, but had reached row 4/],
  ])('breaks at %s, and stays broken after the app appends more', async (_what, sql, problem) => {
    const dataDir = await folderWithLog();
    tamperAuditLog(live(dataDir), sql);
    const core = openCore(dataDir);
    expect(checkAuditChain(coreInternals(core).db)).toMatchObject({ intact: false, problem: expect.stringMatching(problem) });
    // New rows chain to the newest row the app wrote, so they cannot heal a deletion.
    await core.handlers['lesions.save']({ lesion: lesion(3) });
    expect(checkAuditChain(coreInternals(core).db).intact).toBe(false);
  });

  it('is told by the app at start, which starts and works all the same', async () => {
    const dataDir = await folderWithLog();
    expect((await openCore(dataDir, 'browser').handlers['app.info']({})).auditProblem).toBeNull();
    cores.pop()!.close();
    tamperAuditLog(live(dataDir), 'DELETE FROM audit_log WHERE id = 2');
    const core = openCore(dataDir, 'browser');
    const { auditProblem } = await core.handlers['app.info']({});
    expect(auditProblem).toMatch(/^The audit log of this database does not chain: the row before row 3 .* Rows were edited or deleted outside BoneMet Review.*backups are refused.*backup --list/);
    expect((await core.handlers['lesions.list']({})).map((l) => l.lesion.id)).toEqual([lesion(1).id, lesion(2).id]);
  });
});

describe('backup and restore of a log that does not chain', () => {
  it('`backup` refuses, saying why and what to do, and keeps the backups made before', async () => {
    const dataDir = await folderWithLog();
    const first = cli(dataDir, 'backup');
    expect(first.status, first.stderr).toBe(0);
    tamperAuditLog(live(dataDir), "UPDATE audit_log SET reader = 'ZZ' WHERE id = 2");
    const refused = cli(dataDir, 'backup');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/No backup was written: The audit log of the database does not chain: row 2 .* was changed after it was written.*restore the newest of them \(backup --list/);
    expect(listBackups(dataDir)).toEqual([first.stdout.trim()]);
    expect(fs.readdirSync(path.dirname(first.stdout.trim())).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('`restore` refuses a backup whose log was edited, leaving the database as it was, and takes a sound one', async () => {
    const dataDir = await folderWithLog();
    const made = cli(dataDir, 'backup');
    const backup = made.stdout.trim();
    const edited = path.join(dataDir, 'edited-backup.sqlite');
    fs.copyFileSync(backup, edited);
    tamperAuditLog(edited, 'DELETE FROM audit_log WHERE id = 3');
    const inode = fs.statSync(live(dataDir)).ino;
    const refused = cli(dataDir, 'restore', edited);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/This backup is refused: The audit log of edited-backup\.sqlite does not chain: the row before row 4 .* Restore another one/);
    expect(fs.statSync(live(dataDir)).ino).toBe(inode);
    const restored = cli(dataDir, 'restore', backup);
    expect(restored.status, restored.stderr).toBe(0);
  });
});
